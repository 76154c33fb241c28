package dev.cognate.userpool.crypto;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomSenderCodeCipherTest {

    @Test
    void readsAPemPublicKeyWithItsThumbprintAsKeyIdAlsoFromOneLineWithEscapedNewlines() throws Exception {
        String pem = resource("custom-sender/public.pem");

        RSAKey key = CustomSenderCodeCipher.parse(pem);

        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        assertThat(key.size()).isEqualTo(2048);
        assertThat(CustomSenderCodeCipher.parse(pem.strip().replace("\n", "\\n")).getKeyID()).isEqualTo(key.getKeyID());
    }

    @Test
    void refusesWhatIsNotAnRsaPublicKeyOfAtLeast2048Bits() {
        assertThatThrownBy(() -> CustomSenderCodeCipher.parse(resource("custom-sender/private.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a PEM public key");
        assertThatThrownBy(() -> CustomSenderCodeCipher.parse("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an RSA public key");
        assertThatThrownBy(() -> CustomSenderCodeCipher.parse(resource("custom-sender/weak-public.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 1024 bits");
    }

    @Test
    void encryptsEachCodeAsAFreshCompactJweThatOnlyThePrivateKeyOpens() throws Exception {
        CustomSenderCodeCipher cipher = new CustomSenderCodeCipher(Optional.of(resource("custom-sender/public.pem")));

        String first = cipher.encrypt("123456");
        String second = cipher.encrypt("123456");

        assertThat(cipher.configured()).isTrue();
        assertThat(first).isNotEqualTo(second).doesNotContain("123456");
        assertThat(first.split("\\.", -1)).as("compact serialization: five parts").hasSize(5);
        JWEObject jwe = JWEObject.parse(first);
        assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.RSA_OAEP_256);
        assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
        assertThat(jwe.getHeader().getKeyID()).isEqualTo(CustomSenderCodeCipher.parse(resource("custom-sender/public.pem")).getKeyID());
        jwe.decrypt(new RSADecrypter(privateKey()));
        assertThat(jwe.getPayload().toString()).isEqualTo("123456");
    }

    @Test
    void withoutAKeyNothingIsEncrypted() {
        CustomSenderCodeCipher cipher = new CustomSenderCodeCipher(Optional.of("  "));

        assertThat(cipher.configured()).isFalse();
        assertThatThrownBy(() -> cipher.encrypt("123456")).isInstanceOf(IllegalStateException.class)
                .hasMessage("cognate.triggers.custom-sender.public-key is not set");
    }

    private static RSAPrivateKey privateKey() throws Exception {
        String base64 = resource("custom-sender/private.pem").replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static String resource(String name) {
        try (InputStream in = CustomSenderCodeCipherTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name, e);
        }
    }
}
