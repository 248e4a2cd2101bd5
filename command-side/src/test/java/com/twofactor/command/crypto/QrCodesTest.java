package com.twofactor.command.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

class QrCodesTest {

    @Test
    void theEnrollmentUriSurvivesARoundTripThroughThePng() throws Exception {
        String uri = OtpAuthUri.totp("Acme Help Desk", "jürgen.müller@example.com", new Totp().newSecret());

        byte[] png = QrCodes.png(uri);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(QrCodes.SIZE);
        assertThat(image.getHeight()).isEqualTo(QrCodes.SIZE);
        Result result = new MultiFormatReader().decode(
                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE),
                        DecodeHintType.PURE_BARCODE, Boolean.FALSE));
        assertThat(result.getBarcodeFormat()).isEqualTo(BarcodeFormat.QR_CODE);
        assertThat(result.getText()).isEqualTo(uri);
    }
}
