package dev.cognate.userpool.compat;

import dev.cognate.userpool.crypto.Srp;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Values computed by the code before issue 16 (main 772a3f4: modPow, toString(16)): the new arithmetic gives the same bits. */
    @Test
    void theSameValuesAsBeforeTheFixedBaseTableAndTheByteHex() {
        BigInteger x = Srp.x("AbCdEf123", "alice", "Correct-Horse-9", SALT);
        assertThat(x.toString(16)).isEqualTo("56a825e12c95ec4395cc434522aff4598a760ba20aa181b140d2162e781e100c");
        BigInteger v = Srp.verifier(x);
        assertThat(HexFormat.of().formatHex(Srp.sha256(v.toByteArray()))).isEqualTo("ebaad749f08253dd821e94ed2a21ff070adfb49351b6a805763d63aa8046f5a1");
        // zero bytes inside b: the table skips them
        BigInteger b = new BigInteger("00ff00000000000000000000000000000000000000000000000000000000a1b2", 16);
        BigInteger serverB = Srp.serverPublic(v, b);
        assertThat(HexFormat.of().formatHex(Srp.sha256(Srp.padHex(serverB).getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("e7acd87845b73184d60e67c37ab41acd499c93a55c834e8b260725126d9ab2a3");
        BigInteger a = Srp.G.modPow(SMALL_A, Srp.N);
        BigInteger u = Srp.u(a, serverB);
        assertThat(u.toString(16)).isEqualTo("392733f960a159e87acc5cfc49616a689b5debdcc7ba76d091e2928e3573f3a0");
        BigInteger s = Srp.serverSecret(a, v, u, b);
        assertThat(HexFormat.of().formatHex(Srp.sha256(Srp.padHex(s).getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("cb1a6ee1e148fea93f22498aa7c084035f20370904acac11a4d4a05a54512da2");
        assertThat(HexFormat.of().formatHex(Srp.hkdf(s, u))).isEqualTo("19bdd30bff794dd00d356f3211f68bbb");
    }

    /** g^e by the fixed-base table equals BigInteger.modPow for random and edge exponents (and those too long for the table). */
    @Test
    void theFixedBaseTableAgreesWithModPow() {
        Random random = new Random(2026_12_07L);
        List<BigInteger> exponents = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(255),
                BigInteger.valueOf(256), BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(256), BigInteger.ONE.shiftLeft(300).add(BigInteger.TEN), Srp.N.subtract(BigInteger.ONE), Srp.N));
        for (int i = 0; i < 300; i++) {
            BigInteger e = new BigInteger(1 + random.nextInt(256), random);
            if (i % 3 == 0) { // whole zero bytes, which the table skips
                e = e.andNot(BigInteger.valueOf(0xff).shiftLeft(8 * random.nextInt(32))).andNot(BigInteger.valueOf(0xffff));
            }
            exponents.add(e);
        }
        for (BigInteger e : exponents) {
            assertThat(Srp.verifier(e)).as("2^%s mod N", e.toString(16)).isEqualTo(Srp.G.modPow(e, Srp.N));
        }
        BigInteger v = Srp.verifier(new BigInteger(256, random));
        for (int i = 0; i < 20; i++) {
            BigInteger b = new BigInteger(256, random);
            assertThat(Srp.serverPublic(v, b)).isEqualTo(Srp.K.multiply(v).add(Srp.G.modPow(b, Srp.N)).mod(Srp.N));
        }
    }

    /** hex / parseHex / padHex through the bytes say exactly what toString(16) / new BigInteger(hex, 16) / the old padHex said. */
    @Test
    void hexThroughTheBytesIsTheBigIntegerText() {
        Random random = new Random(16);
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(15), BigInteger.valueOf(16),
                BigInteger.valueOf(0x7f), BigInteger.valueOf(0x80), BigInteger.valueOf(0xff), BigInteger.valueOf(0x100), Srp.N, Srp.K));
        for (int i = 0; i < 300; i++) {
            values.add(new BigInteger(1 + random.nextInt(3100), random));
        }
        for (BigInteger value : values) {
            String text = value.toString(16);
            assertThat(Srp.hex(value)).isEqualTo(text);
            assertThat(Srp.parseHex(text)).isEqualTo(value);
            assertThat(Srp.parseHex(text.toUpperCase(Locale.ROOT))).isEqualTo(value);
            assertThat(Srp.parseHex("000" + text)).isEqualTo(value);
            String even = text.length() % 2 == 0 ? text : "0" + text;
            assertThat(Srp.padHex(value)).isEqualTo("89abcdef".indexOf(even.charAt(0)) >= 0 ? "00" + even : even);
        }
        assertThat(Srp.hex(BigInteger.valueOf(-255))).isEqualTo("-ff");
        assertThat(Srp.parseHex("-ff")).isEqualTo(BigInteger.valueOf(-255));
        assertThat(Srp.parseHex("+ff")).isEqualTo(BigInteger.valueOf(255));
        assertThat(Srp.parseHex("\u0661\u0662")).isEqualTo(new BigInteger("\u0661\u0662", 16)); // other scripts' digits, as BigInteger
        for (String bad : List.of("", "xyz", "12 3", "0x1f", "-", "ff-")) {
            assertThatThrownBy(() -> Srp.parseHex(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
    }
}
