package com.twofactor.command.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Builds the {@code otpauth://} Key URI that authenticator apps read from the enrollment QR code
 * (Google Authenticator "Key Uri Format").
 *
 * <p>Label and parameters are percent-encoded per RFC 3986 (a space becomes {@code %20}, never {@code +},
 * which several apps would show literally). The issuer appears both as label prefix and as parameter, as the
 * format recommends.
 */
public final class OtpAuthUri {

    private OtpAuthUri() {
    }

    /**
     * @param issuer       the service name shown in the app; must not be blank or contain ':'
     * @param accountName  the user's account name (e.g. email); must not be blank or contain ':' (the format
     *                     reserves it as the issuer separator, even encoded)
     * @param base32Secret the secret, base32 without padding
     * @throws IllegalArgumentException if a rule above is broken
     */
    public static String totp(String issuer, String accountName, String base32Secret) {
        requireLabelPart(issuer, "issuer");
        requireLabelPart(accountName, "accountName");
        if (base32Secret == null || base32Secret.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        String secret = base32Secret.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        return "otpauth://totp/" + encode(issuer) + ":" + encode(accountName)
                + "?secret=" + encode(secret)
                + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1"
                + "&digits=" + Totp.DIGITS
                + "&period=" + Totp.PERIOD_SECONDS;
    }

    private static void requireLabelPart(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.indexOf(':') >= 0) {
            throw new IllegalArgumentException(name + " must not contain ':'");
        }
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters, over UTF-8. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() * 3);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >>> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0x0F, 16)));
            }
        }
        return out.toString();
    }
}
