package dev.cognate.userpool.compat;

import dev.cognate.userpool.password.Srp;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's SRP maths against fixed values and against the independent test-side client (amazon-cognito-identity-js's algorithm). */
class SrpMathTest {

    private static final String POOL = "us-east-1_AbCdEf123";
    private static final BigInteger SALT = new BigInteger("8f3c1a2b4d5e6f708192a3b4c5d6e7f8", 16);
    private static final BigInteger SMALL_A = new BigInteger("3b1f2a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a", 16);
    private static final BigInteger SMALL_B = new BigInteger("1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809", 16);

    @Test
    void padHexFollowsTheJavascriptLibrary() {
        assertThat(Srp.padHex(BigInteger.TWO)).isEqualTo("02");
        assertThat(Srp.padHex(BigInteger.valueOf(0x7f))).isEqualTo("7f");
        assertThat(Srp.padHex(BigInteger.valueOf(0x80))).isEqualTo("0080");
        assertThat(Srp.padHex(BigInteger.valueOf(0xabc))).isEqualTo("0abc");
        assertThat(Srp.padHex(Srp.N)).startsWith("00ffffffffffffffffc90fdaa2").hasSize(2 + 768);
    }

    @Test
    void multiplierIsTheHashOfPaddedNAndG() {
        assertThat(Srp.N.bitLength()).isEqualTo(3072);
        assertThat(Srp.N.isProbablePrime(20)).isTrue();
        assertThat(Srp.K).isEqualTo(SrpClient.K);
        assertThat(Srp.K.toString(16)).isEqualTo(SrpClient.hexHash("00" + SrpClient.N_HEX + "02").replaceFirst("^0+", ""));
    }

    @Test
    void clientAndServerDeriveTheSameKeyAndSignature() {
        String userId = "alice";
        String password = "Correct-Horse-9";
        BigInteger x = Srp.x(Srp.poolName(POOL), userId, password, SALT);
        BigInteger v = Srp.verifier(x);
        BigInteger serverB = Srp.serverPublic(v, SMALL_B);
        SrpClient client = new SrpClient(POOL, SMALL_A);
        BigInteger a = new BigInteger(client.srpA(), 16);
        assertThat(a).isEqualTo(Srp.G.modPow(SMALL_A, Srp.N));

        BigInteger u = Srp.u(a, serverB);
        BigInteger serverS = Srp.serverSecret(a, v, u, SMALL_B);
        assertThat(Srp.clientSecret(serverB, x, SMALL_A, u)).isEqualTo(serverS);
        // S = g^(b(a + u x)) from first principles
        assertThat(serverS).isEqualTo(Srp.G.modPow(SMALL_B.multiply(SMALL_A.add(u.multiply(x))), Srp.N));

        byte[] serverKey = Srp.hkdf(serverS, u);
        byte[] clientKey = client.passwordAuthenticationKey(userId, password, serverB, SALT);
        assertThat(serverKey).hasSize(16).isEqualTo(clientKey);

        String block = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5});
        String timestamp = "Sun Nov 22 08:05:09 UTC 2026";
        assertThat(Base64.getEncoder().encodeToString(Srp.claimSignature(serverKey, "AbCdEf123", userId, Base64.getDecoder().decode(block),
                timestamp))).isEqualTo(client.signature(clientKey, userId, block, timestamp));
    }

    @Test
    void aWrongPasswordDerivesAnotherKey() {
        BigInteger v = Srp.verifier(Srp.x("AbCdEf123", "alice", "Correct-Horse-9", SALT));
        BigInteger serverB = Srp.serverPublic(v, SMALL_B);
        SrpClient client = new SrpClient(POOL, SMALL_A);
        BigInteger a = new BigInteger(client.srpA(), 16);
        BigInteger u = Srp.u(a, serverB);
        assertThat(client.passwordAuthenticationKey("alice", "wrong", serverB, SALT)).isNotEqualTo(Srp.hkdf(Srp.serverSecret(a, v, u, SMALL_B), u));
    }

    @Test
    void hkdfIsOneHmacBlockOverCalderaDerivedKey() {
        BigInteger s = new BigInteger("123456789abcdef", 16);
        BigInteger u = new BigInteger("fedcba987654321", 16);
        byte[] prk = SrpClient.hmac(java.util.HexFormat.of().parseHex("0fedcba987654321"), java.util.HexFormat.of().parseHex("0123456789abcdef"));
        byte[] okm = SrpClient.hmac(prk, "Caldera Derived Key\u0001".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Srp.hkdf(s, u)).isEqualTo(java.util.Arrays.copyOf(okm, 16));
    }
}
