package dev.cognate.userpool.compat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A test-side SRP client written from amazon-cognito-identity-js's AuthenticationHelper and CognitoUser (independent of
 * the server's code): hex strings hashed as bytes, padHex, k = H(padHex(N) + padHex(g)), HKDF "Caldera Derived Key".
 */
final class SrpClient {

    static final String N_HEX = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
            + "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
            + "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
            + "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
            + "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
            + "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
            + "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
            + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
            + "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
            + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
            + "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
            + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
            + "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
    static final BigInteger N = new BigInteger(N_HEX, 16);
    static final BigInteger G = BigInteger.valueOf(2);
    static final BigInteger K = new BigInteger(hexHash("00" + N_HEX + "02"), 16);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US);

    final String poolName;
    final BigInteger smallA;
    final BigInteger largeA;

    SrpClient(String userPoolId) {
        this(userPoolId, new BigInteger(1, random(128)).mod(N));
    }

    SrpClient(String userPoolId, BigInteger smallA) {
        this.poolName = userPoolId.split("_")[1];
        this.smallA = smallA;
        this.largeA = G.modPow(smallA, N);
    }

    String srpA() {
        return largeA.toString(16);
    }

    /** The 16-byte key, as getPasswordAuthenticationKey. */
    byte[] passwordAuthenticationKey(String username, String password, BigInteger serverB, BigInteger salt) {
        BigInteger u = new BigInteger(hexHash(padHex(largeA) + padHex(serverB)), 16);
        String usernamePasswordHash = hash((poolName + username + ":" + password).getBytes(StandardCharsets.UTF_8));
        BigInteger x = new BigInteger(hexHash(padHex(salt) + usernamePasswordHash), 16);
        BigInteger gModPowXN = G.modPow(x, N);
        BigInteger intValue2 = serverB.subtract(K.multiply(gModPowXN));
        BigInteger s = intValue2.modPow(smallA.add(u.multiply(x)), N).mod(N);
        byte[] prk = hmac(HexFormat.of().parseHex(padHex(u)), HexFormat.of().parseHex(padHex(s)));
        byte[] info = ("Caldera Derived Key" + (char) 1).getBytes(StandardCharsets.UTF_8);
        byte[] okm = hmac(prk, info);
        byte[] key = new byte[16];
        System.arraycopy(okm, 0, key, 0, 16);
        return key;
    }

    /** PASSWORD_CLAIM_SIGNATURE as CognitoUser.authenticateUserDefaultAuth computes it. */
    String signature(byte[] key, String userIdForSrp, String secretBlock, String timestamp) {
        byte[] block = Base64.getDecoder().decode(secretBlock);
        byte[] pool = poolName.getBytes(StandardCharsets.UTF_8);
        byte[] user = userIdForSrp.getBytes(StandardCharsets.UTF_8);
        byte[] date = timestamp.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[pool.length + user.length + block.length + date.length];
        System.arraycopy(pool, 0, message, 0, pool.length);
        System.arraycopy(user, 0, message, pool.length, user.length);
        System.arraycopy(block, 0, message, pool.length + user.length, block.length);
        System.arraycopy(date, 0, message, pool.length + user.length + block.length, date.length);
        return Base64.getEncoder().encodeToString(hmac(key, message));
    }

    static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DATE);
    }

    static String padHex(BigInteger value) {
        String hex = value.toString(16);
        hex = hex.length() % 2 != 0 ? "0" + hex : hex;
        return hex.matches("^[89a-fA-F].*") ? "00" + hex : hex;
    }

    static String hash(byte[] data) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            return "0".repeat(64 - hex.length()) + hex;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hexHash(String hex) {
        return hash(HexFormat.of().parseHex(hex));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
