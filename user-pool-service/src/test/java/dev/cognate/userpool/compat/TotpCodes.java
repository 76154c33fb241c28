package dev.cognate.userpool.compat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The tests' own RFC 6238 authenticator (HMAC-SHA-1, 30 s, 6 digits), written apart from the service's so that a
 * shared mistake cannot make both agree; {@link SoftwareTokenMfaTest} checks it against the RFC's test vectors.
 */
public final class TotpCodes {

    private TotpCodes() {
    }

    /** The code an authenticator app shows at {@code time} for the base32 {@code SecretCode}. */
    public static String at(String secretCode, Instant time) {
        return code(base32(secretCode), time.getEpochSecond() / 30, 6);
    }

    static String code(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] message = new byte[8];
            for (int i = 7; i >= 0; i--) {
                message[i] = (byte) (counter & 0xff);
                counter >>= 8;
            }
            byte[] hash = mac.doFinal(message);
            int offset = hash[19] & 0xf;
            long truncated = new BigInteger(1, new byte[] {(byte) (hash[offset] & 0x7f), hash[offset + 1], hash[offset + 2], hash[offset + 3]})
                    .longValue();
            String all = Long.toString(truncated % (long) Math.pow(10, digits));
            return "0".repeat(digits - all.length()) + all;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder bits = new StringBuilder();
        for (char c : text.toCharArray()) {
            String five = Integer.toBinaryString(alphabet.indexOf(c));
            bits.append("0".repeat(5 - five.length())).append(five);
        }
        byte[] out = new byte[bits.length() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(bits.substring(i * 8, i * 8 + 8), 2);
        }
        return out;
    }
}
