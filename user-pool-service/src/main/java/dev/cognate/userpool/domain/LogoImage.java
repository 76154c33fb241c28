package dev.cognate.userpool.domain;

import dev.cognate.awsprotocol.CognitoException;

import java.util.Arrays;

/** The logo of SetUICustomization: a PNG or JPEG file (told by its magic bytes) of at most 100 KB, as Cognito allows. */
public final class LogoImage {

    public static final int MAX_BYTES = 100 * 1024;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private LogoImage() {
    }

    /** The image's content type, {@code image/png} or {@code image/jpeg}; anything else → InvalidParameterException. */
    public static String contentType(byte[] image) {
        if (image.length > MAX_BYTES) {
            throw CognitoException.invalidParameter("The logo image must not be larger than 100 KB (" + MAX_BYTES + " bytes); it has "
                    + image.length + " bytes.");
        }
        if (startsWith(image, PNG)) {
            return "image/png";
        }
        if (startsWith(image, JPEG)) {
            return "image/jpeg";
        }
        throw CognitoException.invalidParameter("The logo image must be a PNG or JPEG file.");
    }

    private static boolean startsWith(byte[] image, byte[] magic) {
        return image.length >= magic.length && Arrays.equals(image, 0, magic.length, magic, 0, magic.length);
    }
}
