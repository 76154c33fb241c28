package dev.cognate.benchmarks.baseline;

import dev.cognate.userpool.crypto.Srp;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;

/**
 * user-pool-service's SRP arithmetic per sign-in as it was before issue 16's change (main 772a3f4), kept to compare
 * with: {@code g^b} by {@code BigInteger.modPow}, and every number to and from hex through {@code toString(16)} and
 * {@code new BigInteger(hex, 16)} (padHex included).
 */
public final class SrpBeforeIssue16 {

    private SrpBeforeIssue16() {
    }

    /** USER_SRP_AUTH's arithmetic: B = k·v + g^b, and B as hex for the session and the challenge. */
    public static String challenge(String verifierHex, BigInteger b) {
        BigInteger v = new BigInteger(verifierHex, 16);
        BigInteger bPublic = Srp.K.multiply(v).add(Srp.G.modPow(b, Srp.N)).mod(Srp.N);
        String forSession = bPublic.toString(16);
        String forChallenge = bPublic.toString(16);
        return forSession.length() == forChallenge.length() ? forChallenge : forSession;
    }

    /** PASSWORD_VERIFIER's arithmetic: A and B back from the session, u, S, the key and the claim's signature. */
    public static byte[] verify(String verifierHex, String aHex, String bPublicHex, BigInteger b, String poolName, String userId,
                                String secretBlock, String timestamp) {
        BigInteger v = new BigInteger(verifierHex, 16);
        BigInteger a = new BigInteger(aHex, 16);
        BigInteger bPublic = new BigInteger(bPublicHex, 16);
        BigInteger u = new BigInteger(1, Srp.sha256(HexFormat.of().parseHex(padHex(a) + padHex(bPublic))));
        BigInteger s = a.multiply(v.modPow(u, Srp.N)).mod(Srp.N).modPow(b, Srp.N);
        byte[] prk = Srp.hmac(HexFormat.of().parseHex(padHex(u)), HexFormat.of().parseHex(padHex(s)));
        byte[] okm = Srp.hmac(prk, "Caldera Derived Key\u0001".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] key = java.util.Arrays.copyOf(okm, 16);
        return Srp.claimSignature(key, poolName, userId, Base64.getDecoder().decode(secretBlock), timestamp);
    }

    public static String padHex(BigInteger value) {
        String hex = value.toString(16);
        if (hex.length() % 2 != 0) {
            hex = "0" + hex;
        }
        return "89abcdef".indexOf(hex.charAt(0)) >= 0 ? "00" + hex : hex;
    }
}
