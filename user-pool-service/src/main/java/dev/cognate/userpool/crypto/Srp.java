package dev.cognate.userpool.crypto;

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
 *
 * <p>Cost (benchmarks/README.md, "Sign-in (issue 16)"): g^b and g^x use a precomputed fixed-base table
 * ({@link FixedBasePower}), built once per process by {@link #prepare()}; the server's secret needs two general modPows
 * (see {@link #serverSecret}); numbers go to and from hex through their bytes ({@link #hex}, {@link #parseHex},
 * {@link #padHex}), not through {@code BigInteger.toString(16)} / {@code new BigInteger(hex, 16)}, which are quadratic
 * (tens of µs at 3,072 bits, several per sign-in). Every result is bit-identical to the plain formulas (SrpMathTest).
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
    public static final BigInteger K = new BigInteger(1, sha256(concat(padBytes(N), padBytes(G))));
    private static final byte[] INFO = "Caldera Derived Key".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Srp() {
    }

    /** The fixed-base table of g, built on first use (~8,000 multiplications: tens of ms once compiled). */
    private static final class GPowers {
        static final FixedBasePower TABLE = new FixedBasePower(G, N);
    }

    /** Builds the table of g now (at start-up, off the event loop) instead of in the first sign-in. */
    public static void prepare() {
        gPow(BigInteger.ONE);
    }

    /** g^e mod N. */
    static BigInteger gPow(BigInteger e) {
        return GPowers.TABLE.pow(e);
    }

    /** The pool part of a pool id ({@code us-east-1_AbC123xyz} → {@code AbC123xyz}), which Cognito's SRP hashes. */
    public static String poolName(String userPoolId) {
        return userPoolId.substring(userPoolId.indexOf('_') + 1);
    }

    /** x = H(padHex(salt) | H(poolName | userId | ":" | password)). */
    public static BigInteger x(String poolName, String userId, String password, BigInteger salt) {
        byte[] inner = sha256((poolName + userId + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, sha256(concat(padBytes(salt), inner)));
    }

    /** v = g^x mod N. */
    public static BigInteger verifier(BigInteger x) {
        return gPow(x);
    }

    /** u = H(padHex(A) | padHex(B)). */
    public static BigInteger u(BigInteger a, BigInteger b) {
        return new BigInteger(1, sha256(concat(padBytes(a), padBytes(b))));
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
        return K.multiply(v).add(gPow(b)).mod(N);
    }

    /**
     * S = (A · v^u)^b mod N, the server's side of the shared secret: two modPows with 256-bit exponents (u and b), 2 × 256
     * squarings. Neither base is fixed (A and v change per sign-in / per user), and the one-pass alternative, a
     * simultaneous exponentiation A^b · v^(u·b), has a 512-bit exponent u·b: as many squarings, so nothing to gain.
     */
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
        byte[] prk = hmac(padBytes(u), padBytes(s));
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
        if (value.signum() >= 0) {
            return HexFormat.of().formatHex(padBytes(value));
        }
        String hex = value.toString(16);
        if (hex.length() % 2 != 0) {
            hex = "0" + hex;
        }
        return "89abcdef".indexOf(hex.charAt(0)) >= 0 ? "00" + hex : hex;
    }

    /**
     * The bytes padHex's hex stands for, of a value ≥ 0: its minimal big-endian magnitude with a leading 0 byte when the top
     * bit is set — exactly {@link BigInteger#toByteArray()} of a non-negative number.
     */
    static byte[] padBytes(BigInteger value) {
        return value.toByteArray();
    }

    /** {@code value.toString(16)} (lower case, no leading zeros), through the bytes: linear instead of quadratic. */
    public static String hex(BigInteger value) {
        if (value.signum() <= 0) {
            return value.toString(16);
        }
        String hex = HexFormat.of().formatHex(value.toByteArray());
        int start = 0;
        while (hex.charAt(start) == '0') { // value > 0: a non-zero digit follows
            start++;
        }
        return hex.substring(start);
    }

    /**
     * {@code new BigInteger(hex, 16)} — same value, same {@link NumberFormatException} — through the bytes when the text is
     * only hex digits (linear instead of quadratic); anything else (a sign, an empty string, a stray character) goes to the
     * BigInteger constructor itself.
     */
    public static BigInteger parseHex(String hex) {
        if (hex.isEmpty()) {
            return new BigInteger(hex, 16);
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0 || hex.charAt(i) > 'f') {
                return new BigInteger(hex, 16);
            }
        }
        return new BigInteger(1, HexFormat.of().parseHex(hex.length() % 2 == 0 ? hex : "0" + hex));
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
