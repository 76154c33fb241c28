package dev.cognate.tokens;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RSA signatures by the system's OpenSSL libcrypto ({@link RsaImplementation#NATIVE}) are the JDK's, byte for byte
 * (RSASSA-PKCS1-v1_5 is deterministic), for every RS algorithm and key size, from many threads at once. These tests need
 * libcrypto.so.3 (Debian's libssl3, present on every machine that runs them): without it they fail, as the services
 * would refuse to start.
 */
class NativeRsaSignerTest {

    private static final String KEY = "cognate.tokens.rsa-implementation";

    @BeforeAll
    static void libcryptoIsHere() {
        RsaImplementation.NATIVE.requireAvailable(KEY);
    }

    @Test
    void theSelfTestsRecordedSignatureIsTheJdksSignatureWithItsKey() throws Exception {
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(OpenSslRsa.SELF_TEST_KEY))));
        jdk.update(OpenSslRsa.SELF_TEST_DATA);
        assertThat(Base64.getEncoder().encodeToString(jdk.sign()))
                .as("what OpenSslRsa's start-up self-test compares libcrypto's signature with").isEqualTo(OpenSslRsa.SELF_TEST_SIGNATURE);
    }

    private static ObjectNode claims(Random random) {
        byte[] noise = new byte[1 + random.nextInt(900)];
        random.nextBytes(noise);
        return JsonNodeFactory.instance.objectNode().put("sub", "u" + random.nextLong()).put("token_use", "access")
                .put("noise", Base64.getEncoder().encodeToString(noise)).put("exp", 1_900_000_000L);
    }

    @Test
    void signsExactlyAsTheJdkForEveryRsAlgorithmAndKeySize() throws Exception {
        Random random = new Random(16);
        for (int bits : new int[] {2048, 3072, 4096}) {
            KeyPair pair = Forge.rsa(bits);
            for (SigningAlgorithm algorithm : List.of(SigningAlgorithm.RS256, SigningAlgorithm.RS384, SigningAlgorithm.RS512)) {
                JwtSigner jdk = JwtSigner.of(algorithm, "k", pair.getPrivate(), RsaImplementation.JAVA);
                JwtSigner openssl = JwtSigner.of(algorithm, "k", pair.getPrivate(), RsaImplementation.NATIVE);
                for (int i = 0; i < 5; i++) {
                    ObjectNode claims = claims(random);
                    String token = openssl.sign(claims);
                    assertThat(token).as("%s, %d bits", algorithm, bits).isEqualTo(jdk.sign(claims));
                    String[] parts = token.split("\\.");
                    Signature verifier = Signature.getInstance("SHA" + algorithm.name().substring(2) + "withRSA");
                    verifier.initVerify(pair.getPublic());
                    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                    assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
                }
            }
        }
    }

    @Test
    void oneSignerServesManyThreadsAtOnce() throws Exception {
        KeyPair pair = Forge.rsa(2048);
        JwtSigner jdk = JwtSigner.of(SigningAlgorithm.RS256, "k", pair.getPrivate(), RsaImplementation.JAVA);
        JwtSigner openssl = JwtSigner.of(SigningAlgorithm.RS256, "k", pair.getPrivate(), RsaImplementation.NATIVE);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 50; i++) {
                        ObjectNode claims = claims(random);
                        if (!openssl.sign(claims).equals(jdk.sign(claims))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void refusesWhatTheJdkSignerRefuses() {
        assertThatThrownBy(() -> JwtSigner.of(SigningAlgorithm.RS256, "k", Forge.rsa(1024).getPrivate(), RsaImplementation.NATIVE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
        assertThatThrownBy(() -> JwtSigner.of(SigningAlgorithm.RS256, "k", Forge.ec("secp256r1").getPrivate(), RsaImplementation.NATIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void psAndEcAlgorithmsStayWithTheJdk() throws Exception {
        KeyPair pair = Forge.rsa(2048);
        String token = JwtSigner.of(SigningAlgorithm.PS256, "k", pair.getPrivate(), RsaImplementation.NATIVE)
                .sign(JsonNodeFactory.instance.objectNode().put("sub", "u"));
        String[] parts = token.split("\\.");
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        verifier.initVerify(pair.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void theSettingTakesOnlyNativeOrJava() {
        assertThat(RsaImplementation.parse(KEY, "native")).isEqualTo(RsaImplementation.NATIVE);
        assertThat(RsaImplementation.parse(KEY, " Java ")).isEqualTo(RsaImplementation.JAVA);
        assertThatThrownBy(() -> RsaImplementation.parse(KEY, "openssl"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(KEY + " must be native or java, not openssl");
        assertThatThrownBy(() -> RsaImplementation.parse(KEY, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
