package dev.cognate.userpool.password;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * SRP-6a as Cognito runs it with amazon-cognito-identity-js / Amplify: the RFC 5054 3072-bit group, g = 2, SHA-256,
 * and the client library's encodings — numbers hashed as {@link #padHex} bytes (even-length hex, a leading 00 when the
 * top bit is set), k = H(padHex(N) | padHex(g)), x = H(padHex(salt) | H(poolName | userId | ":" | password)),
 * u = H(padHex(A) | padHex(B)), the 16-byte key = HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info =
 * "Caldera Derived Key"), and the claim signature HMAC-SHA256(key, poolName | userId | secretBlock | timestamp).
 * Every method is pure; the modular exponentiations are for callers to run off the event loop.
 */
public final class Srp {

    public static final BigInteger N = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                    + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                    + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                    + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
                    + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
                    + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF", 16);
    public static final BigInteger G = BigInteger.TWO;
    public static final BigInteger K = new BigInteger(1, sha256(HexFormat.of().parseHex(padHex(N) + padHex(G))));
    private static final byte[] INFO = "Caldera Derived Key".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Srp() {
    }

    /** The pool part of a pool id ({@code us-east-1_AbC123xyz} → {@code AbC123xyz}), which Cognito's SRP hashes. */
    public static String poolName(String userPoolId) {
        return userPoolId.substring(userPoolId.indexOf('_') + 1);
    }

    /** x = H(padHex(salt) | H(poolName | userId | ":" | password)). */
    public static BigInteger x(String poolName, String userId, String password, BigInteger salt) {
        byte[] inner = sha256((poolName + userId + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, sha256(concat(HexFormat.of().parseHex(padHex(salt)), inner)));
    }

    /** v = g^x mod N. */
    public static BigInteger verifier(BigInteger x) {
        return G.modPow(x, N);
    }

    /** u = H(padHex(A) | padHex(B)). */
    public static BigInteger u(BigInteger a, BigInteger b) {
        return new BigInteger(1, sha256(HexFormat.of().parseHex(padHex(a) + padHex(b))));
    }

    /** The server's private value b: 256 random bits, never zero. */
    public static BigInteger randomPrivate() {
        BigInteger value;
        do {
            value = new BigInteger(256, RANDOM);
        } while (value.signum() == 0);
        return value;
    }

    /** B = (k·v + g^b) mod N. */
    public static BigInteger serverPublic(BigInteger v, BigInteger b) {
        return K.multiply(v).add(G.modPow(b, N)).mod(N);
    }

    /** S = (A · v^u)^b mod N, the server's side of the shared secret. */
    public static BigInteger serverSecret(BigInteger a, BigInteger v, BigInteger u, BigInteger b) {
        return a.multiply(v.modPow(u, N)).mod(N).modPow(b, N);
    }

    /** S = (B − k·g^x)^(a + u·x) mod N, the client's side. */
    public static BigInteger clientSecret(BigInteger bPublic, BigInteger x, BigInteger a, BigInteger u) {
        BigInteger base = bPublic.subtract(K.multiply(G.modPow(x, N))).mod(N);
        return base.modPow(a.add(u.multiply(x)), N);
    }

    /** The 16-byte key: HKDF-SHA256 with ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key" (one block). */
    public static byte[] hkdf(BigInteger s, BigInteger u) {
        byte[] prk = hmac(HexFormat.of().parseHex(padHex(u)), HexFormat.of().parseHex(padHex(s)));
        byte[] okm = hmac(prk, concat(INFO, new byte[] {1}));
        byte[] key = new byte[16];
        System.arraycopy(okm, 0, key, 0, 16);
        return key;
    }

    /** PASSWORD_CLAIM_SIGNATURE's bytes: HMAC-SHA256(key, poolName | userId | secretBlock | timestamp). */
    public static byte[] claimSignature(byte[] key, String poolName, String userId, byte[] secretBlock, String timestamp) {
        return hmac(key, concat(concat((poolName + userId).getBytes(StandardCharsets.UTF_8), secretBlock),
                timestamp.getBytes(StandardCharsets.UTF_8)));
    }

    /** amazon-cognito-identity-js's padHex: even-length lower-case hex, prefixed with 00 when the first nibble is 8–f. */
    public static String padHex(BigInteger value) {
        String hex = value.toString(16);
        if (hex.length() % 2 != 0) {
            hex = "0" + hex;
        }
        return "89abcdef".indexOf(hex.charAt(0)) >= 0 ? "00" + hex : hex;
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
