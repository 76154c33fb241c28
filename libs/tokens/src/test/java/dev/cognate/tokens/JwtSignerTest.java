package dev.cognate.tokens;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bytes a signer puts on the wire, checked with the JDK alone. */
class JwtSignerTest {

    private static final KeyPair RSA = Forge.rsa(2048);

    private static String decoded(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    @Test
    void writesCognitosHeaderAndTheClaimsInTheirOrder() throws Exception {
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("sub", "u1").put("iss", "https://x/p").put("token_use", "id")
                .put("exp", 1_900_000_000L).put("email_verified", true);
        String token = JwtSigner.of(SigningAlgorithm.RS256, "kid/+=", RSA.getPrivate()).sign(claims);

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(decoded(parts[0])).isEqualTo("{\"kid\":\"kid/+=\",\"alg\":\"RS256\"}");
        assertThat(decoded(parts[1]))
                .isEqualTo("{\"sub\":\"u1\",\"iss\":\"https://x/p\",\"token_use\":\"id\",\"exp\":1900000000,\"email_verified\":true}");
        assertThat(token).doesNotContain("=");
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initVerify(RSA.getPublic());
        jdk.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(jdk.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void addsTypAfterAlgWhenAsked() {
        String token = JwtSigner.of(SigningAlgorithm.RS512, "k", RSA.getPrivate()).withType("JWT")
                .sign(JsonNodeFactory.instance.objectNode());
        assertThat(decoded(token.split("\\.")[0])).isEqualTo("{\"kid\":\"k\",\"alg\":\"RS512\",\"typ\":\"JWT\"}");
    }

    @Test
    void refusesKeysThatDoNotFitTheAlgorithm() {
        assertThatThrownBy(() -> JwtSigner.of(SigningAlgorithm.ES256, "k", RSA.getPrivate())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtSigner.of(SigningAlgorithm.RS256, "k", Forge.ec("secp256r1").getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtSigner.of(SigningAlgorithm.ES384, "k", Forge.ec("secp256r1").getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtSigner.of(SigningAlgorithm.RS256, "k", Forge.rsa(1024).getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtSigner.of(SigningAlgorithm.RS256, "", RSA.getPrivate())).isInstanceOf(IllegalArgumentException.class);
    }
}
