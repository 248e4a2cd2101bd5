package com.twofactor.command.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;

import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Test
    void buildsTheKeyUriWithIssuerPrefixAndAllParameters() {
        assertThat(OtpAuthUri.totp("Acme", "jane@example.com", SECRET)).isEqualTo(
                "otpauth://totp/Acme:jane%40example.com?secret=" + SECRET
                        + "&issuer=Acme&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void encodesSpacesAsPercent20AndNeverAsPlus() {
        String uri = OtpAuthUri.totp("Acme Help Desk", "Jane Doe+2fa@example.com", SECRET);

        assertThat(uri).startsWith("otpauth://totp/Acme%20Help%20Desk:Jane%20Doe%2B2fa%40example.com?")
                .contains("&issuer=Acme%20Help%20Desk&")
                .doesNotContain("+");
    }

    @Test
    void encodesNonAsciiAsUtf8AndReservedCharacters() {
        String uri = OtpAuthUri.totp("Müller & Söhne", "jürgen?x=1#y", SECRET);

        assertThat(uri).startsWith("otpauth://totp/M%C3%BCller%20%26%20S%C3%B6hne:j%C3%BCrgen%3Fx%3D1%23y?secret=");
        URI parsed = URI.create(uri);
        assertThat(parsed.getScheme()).isEqualTo("otpauth");
        assertThat(parsed.getHost()).isEqualTo("totp");
        assertThat(parsed.getPath()).isEqualTo("/Müller & Söhne:jürgen?x=1#y");
        assertThat(parsed.getQuery()).isEqualTo("secret=" + SECRET + "&issuer=Müller & Söhne&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void anIssuerContainingAColonIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> OtpAuthUri.totp("Acme:Support", "jane", SECRET));
    }

    @Test
    void anAccountNameContainingAColonIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> OtpAuthUri.totp("Acme", "jane:doe", SECRET));
    }

    @Test
    void blankIssuerOrAccountNameIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> OtpAuthUri.totp(" ", "jane", SECRET));
        assertThatIllegalArgumentException().isThrownBy(() -> OtpAuthUri.totp("Acme", "", SECRET));
    }
}
