package dev.cognate.secrets;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyCipherTest {

    private static final String KEY = "ci+6XcPDGvIVEOPTKh9PA3lsj2JfAPr5sSbgG/tOCIk=";
    private static final String OTHER_KEY = "VpLAE9KzEeoJBCTzpdtmVZ2WycM5QzAcbV6EC7Q/L/I=";

    private final MasterKeyCipher cipher = new MasterKeyCipher(Optional.of(KEY));

    @Test
    void opensWhatItSealedInTheSameContextOnly() {
        byte[] sealed = cipher.encrypt("123456", "cognate.messages:CustomMessage_SignUp:pool:sub");

        assertThat(sealed[0]).as("format byte").isEqualTo((byte) 1);
        assertThat(cipher.decrypt(sealed, "cognate.messages:CustomMessage_SignUp:pool:sub")).isEqualTo("123456");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "cognate.messages:CustomMessage_SignUp:pool:other"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decryption failed");
        assertThat(cipher.encrypt("123456", "c")).as("a fresh nonce each time").isNotEqualTo(cipher.encrypt("123456", "c"));
    }

    @Test
    void refusesAValueSealedUnderAnotherKeyOrTampered() {
        byte[] sealed = new MasterKeyCipher(Optional.of(OTHER_KEY)).encrypt("secret", "c");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "c")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key id");

        byte[] tampered = cipher.encrypt("secret", "c");
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(tampered, "c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void explainsAMissingKeyAndRefusesAMalformedOne() {
        MasterKeyCipher none = new MasterKeyCipher(Optional.empty());
        assertThat(none.hasKey()).isFalse();
        assertThatThrownBy(() -> none.encrypt("x", "c")).isInstanceOf(MasterKeyCipher.MissingKeyException.class)
                .hasMessageContaining("COGNATE_MASTER_KEY");
        assertThatThrownBy(() -> new MasterKeyCipher(Optional.of("not base64!")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> new MasterKeyCipher(Optional.of(Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void aRotatedRingSealsUnderTheNewKeyAndOpensValuesOfThePreviousOnes() {
        String third = "q0fKXJ0m9Qd5l2N8yVbq1c3fWm2o4s6u8w0y2A4C6E8=";
        byte[] underOld = cipher.encrypt("secret", "c");
        byte[] underThird = new MasterKeyCipher(Optional.of(third)).encrypt("older", "c");
        MasterKeyCipher rotated = new MasterKeyCipher(Optional.of(OTHER_KEY), Optional.of(" " + KEY + " , " + third + ","));

        assertThat(rotated.decrypt(underOld, "c")).isEqualTo("secret");
        assertThat(rotated.decrypt(underThird, "c")).isEqualTo("older");
        assertThat(rotated.sealedUnderCurrentKey(underOld)).isFalse();
        byte[] resealed = rotated.reseal(underOld, "c");
        assertThat(rotated.sealedUnderCurrentKey(resealed)).isTrue();
        assertThat(new MasterKeyCipher(Optional.of(OTHER_KEY)).decrypt(resealed, "c"))
                .as("once re-sealed, the previous key is no longer needed").isEqualTo("secret");
        assertThat(new MasterKeyCipher(Optional.of(OTHER_KEY)).decrypt(rotated.encrypt("new", "c"), "c"))
                .as("new values use the current key").isEqualTo("new");
        assertThatThrownBy(() -> rotated.reseal(underOld, "another context")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("decryption failed");
        assertThat(rotated.keyIds()).hasSize(3).contains(rotated.currentKeyId().orElseThrow());
    }

    @Test
    void previousKeysAreCheckedAndNeedACurrentKey() {
        assertThatThrownBy(() -> new MasterKeyCipher(Optional.of(KEY), Optional.of(OTHER_KEY + ",c2hvcnQ=")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cognate.master-key-previous must be base64 of exactly 32 bytes");
        assertThatThrownBy(() -> new MasterKeyCipher(Optional.empty(), Optional.of(OTHER_KEY)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cognate.master-key is not");
        assertThat(new MasterKeyCipher(Optional.of(KEY), Optional.of(" ")).keyIds()).hasSize(1);
    }
}
