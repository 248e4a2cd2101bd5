package com.twofactor.command.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

    @ParameterizedTest
    @CsvSource({"'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI"})
    void encodesTheRfc4648VectorsWithoutPadding(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(Base32.decode(encoded)).isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void roundTripsEveryLength() {
        Random random = new Random(42);
        for (int length = 0; length <= 64; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
        }
    }

    @Test
    void decodingIgnoresCaseSpacesAndTrailingPadding() {
        byte[] expected = "foobar".getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.decode("mzxw 6ytb oi")).isEqualTo(expected);
        assertThat(Base32.decode("MZXW6YTBOI======")).isEqualTo(expected);
    }

    @Test
    void refusesCharactersOutsideTheAlphabetWithoutEchoingTheInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("SECRET1SECRET"))
                .withMessageNotContaining("SECRET");
        assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("MZXW6YTBÖI"));
    }

    @Test
    void refusesLengthsNoEncodingProduces() {
        assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("M"));
        assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("MZX"));
    }
}
