package dev.cognate.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicKeysTest {

    private static final KeyPair RSA = Forge.rsa(2048);

    @Test
    void rendersAnRsaJwkAsCognitosJwksListsIt() {
        RSAPublicKey key = (RSAPublicKey) RSA.getPublic();
        ObjectNode jwk = PublicJwk.of("abc", SigningAlgorithm.RS256, key);
        assertThat(jwk.fieldNames()).toIterable().containsExactly("alg", "e", "kid", "kty", "n", "use");
        assertThat(jwk.path("alg").asText()).isEqualTo("RS256");
        assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
        assertThat(jwk.path("use").asText()).isEqualTo("sig");
        assertThat(jwk.path("e").asText()).isEqualTo("AQAB");
        // unsigned big-endian modulus, no leading zero byte
        byte[] n = Base64.getUrlDecoder().decode(jwk.path("n").asText());
        assertThat(n).hasSize(256);
        assertThat(new BigInteger(1, n)).isEqualTo(key.getModulus());
        assertThat(PublicJwk.publicKey(jwk)).isEqualTo(key);
    }

    @Test
    void keepsUsableKeysAndListsTheOthers() throws Exception {
        ObjectNode good = PublicJwk.of("good", SigningAlgorithm.RS256, RSA.getPublic());
        ObjectNode encryption = PublicJwk.of("enc", SigningAlgorithm.RS256, RSA.getPublic()).put("use", "enc");
        ObjectNode small = PublicJwk.of("small", SigningAlgorithm.RS256, Forge.rsa(1024).getPublic());
        ObjectNode noKid = PublicJwk.of("x", SigningAlgorithm.RS256, RSA.getPublic());
        noKid.remove("kid");
        ObjectNode broken = PublicJwk.of("broken", SigningAlgorithm.RS256, RSA.getPublic()).put("n", 42);
        ObjectNode twice = PublicJwk.of("good", SigningAlgorithm.RS256, Forge.rsa(2048).getPublic());
        ObjectNode symmetric = (ObjectNode) Json.MAPPER.readTree("{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0\"}");
        ObjectNode ec = PublicJwk.of("ec", SigningAlgorithm.ES256, Forge.ec("secp256r1").getPublic());
        JsonNode document = Json.MAPPER.createObjectNode().set("keys",
                Json.MAPPER.createArrayNode().add(good).add(encryption).add(small).add(noKid).add(broken).add(twice).add(symmetric).add(ec));

        PublicKeys keys = PublicKeys.parse(document);

        assertThat(keys.kids()).containsExactly("good", "ec");
        assertThat(keys.skipped()).hasSize(6);
        assertThat(String.join("\n", keys.skipped())).contains("enc:", "small:", "(no kid):", "broken:", "good: kid listed twice", "hmac:");
        assertThat(PublicKeys.parse(Json.MAPPER.readTree("{}")).kids()).isEmpty();
        assertThatThrownBy(() -> PublicJwk.publicKey(symmetric)).isInstanceOf(IllegalArgumentException.class);
    }
}
