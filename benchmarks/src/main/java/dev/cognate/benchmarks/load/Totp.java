package dev.cognate.benchmarks.load;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * RFC 6238 codes as an authenticator app computes them from the {@code SecretCode} of AssociateSoftwareToken (base32):
 * HMAC-SHA-1 over the 30-second step, dynamic truncation (RFC 4226), 6 digits. Written here rather than taken from
 * user-pool-service so the benchmark checks the server against an independent implementation.
 */
final class Totp {

    static final long STEP_SECONDS = 30;

    private final byte[] key;

    Totp(String base32Secret) {
        this.key = base32(base32Secret);
    }

    /** The step (RFC 6238's T) of a Unix time in milliseconds. */
    static long step(long epochMillis) {
        return Math.floorDiv(epochMillis, STEP_SECONDS * 1000);
    }

    /** The 6-digit code of step {@code step}. */
    String code(long step) {
        return code(step, 6);
    }

    String code(long step, int digits) {
        byte[] counter = new byte[8];
        for (int i = 7, rest = 0; i >= 0; i--, rest++) {
            counter[i] = (byte) (step >>> (8 * rest));
        }
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            hash = mac.doFinal(counter);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8
                | hash[offset + 3] & 0xff;
        int modulus = (int) Math.pow(10, digits);
        return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
    }

    /** RFC 4648 base32 (upper or lower case, padding and spaces ignored). */
    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '=' || c == ' ') {
                continue;
            }
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                out.write(buffer >>> (bits - 8) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
