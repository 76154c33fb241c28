package dev.cognate.userpool.crypto;

import dev.cognate.awsprotocol.CognitoException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AES-256-GCM sealing of secrets at rest. */
class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private final SecretCipher cipher = new SecretCipher(Optional.of(KEY));

    @Test
    void opensWhatItSealedInTheSameContext() {
        byte[] sealed = cipher.encrypt("the secret", "ctx-1");
        assertThat(cipher.decrypt(sealed, "ctx-1")).isEqualTo("the secret");
    }

    @Test
    void sealedValueIsVersionedKeyTaggedAndNeverContainsTheClearText() {
        byte[] sealed = cipher.encrypt("the secret", "ctx-1");
        assertThat(sealed[0]).as("format version").isEqualTo((byte) 1);
        assertThat(sealed).hasSize(1 + 4 + 12 + "the secret".length() + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("the secret");
    }

    @Test
    void usesAFreshNonceForEveryValue() {
        byte[] first = cipher.encrypt("same", "ctx");
        byte[] second = cipher.encrypt("same", "ctx");
        assertThat(Arrays.copyOfRange(first, 5, 17)).isNotEqualTo(Arrays.copyOfRange(second, 5, 17));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void refusesAnotherContextATamperedValueAndAnotherKey() {
        byte[] sealed = cipher.encrypt("the secret", "ctx-1");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "ctx-2")).isInstanceOf(IllegalStateException.class);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(tampered, "ctx-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher(Optional.of(OTHER_KEY)).decrypt(sealed, "ctx-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("key id");
    }

    @Test
    void withoutAKeyAnswersInternalErrorInsteadOfStoringInClear() {
        SecretCipher none = new SecretCipher(Optional.empty());
        assertThat(none.hasKey()).isFalse();
        assertThatThrownBy(() -> none.encrypt("x", "ctx"))
                .isInstanceOfSatisfying(CognitoException.class, e -> assertThat(e.type()).isEqualTo("InternalErrorException"));
    }

    @Test
    void refusesAKeyThatIsNot256Bits() {
        assertThatThrownBy(() -> new SecretCipher(Optional.of(Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretCipher(Optional.of("not base64!"))).isInstanceOf(IllegalStateException.class);
    }
}
