package dev.cognate.userpool.crypto;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.CodePurpose;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerificationCodeHasherTest {

    private static final String MASTER_KEY = "ci+6XcPDGvIVEOPTKh9PA3lsj2JfAPr5sSbgG/tOCIk=";
    private static final UUID SUB = UUID.fromString("7d6f2a3e-1c1b-4b8e-9a57-0f3f4f3a2b10");
    private final VerificationCodeHasher hasher = new VerificationCodeHasher(Optional.of(MASTER_KEY));

    @Test
    void newCodesAreSixDigitsAndVary() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = VerificationCodeHasher.newCode();
            assertThat(code).matches("[0-9]{6}");
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(190);
    }

    @Test
    void hashesWithAKeyDerivedFromTheMasterKeyOverSaltOwnerPurposeAndCode() throws Exception {
        byte[] salt = new byte[16];
        salt[0] = 7;
        // Independently: key = HMAC(master key, label); hash = HMAC(key, salt || "pool\nsub\nPURPOSE\ndestination\ncode").
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(MASTER_KEY), "HmacSHA256"));
        byte[] derived = mac.doFinal("cognate.verification-codes.v1".getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(derived, "HmacSHA256"));
        mac.update(salt);
        byte[] expected = mac.doFinal(("us-east-1_Abc123456\n" + SUB + "\nSIGN_UP\nalice@example.com\n042137").getBytes(StandardCharsets.UTF_8));

        assertThat(hasher.hash(salt, "us-east-1_Abc123456", SUB, CodePurpose.SIGN_UP, "alice@example.com", "042137")).isEqualTo(expected);
    }

    @Test
    void matchesOnlyTheSameCodeForTheSameUserAndPurpose() {
        byte[] salt = VerificationCodeHasher.newSalt();
        byte[] stored = hasher.hash(salt, "pool", SUB, CodePurpose.PASSWORD_RESET, "a@b.c", "123456");

        assertThat(hasher.matches(stored, salt, "pool", SUB, CodePurpose.PASSWORD_RESET, "a@b.c", "123456")).isTrue();
        assertThat(hasher.matches(stored, salt, "pool", SUB, CodePurpose.PASSWORD_RESET, "a@b.c", "123457")).isFalse();
        assertThat(hasher.matches(stored, salt, "pool", SUB, CodePurpose.SIGN_UP, "a@b.c", "123456")).as("another purpose").isFalse();
        assertThat(hasher.matches(stored, salt, "pool", UUID.randomUUID(), CodePurpose.PASSWORD_RESET, "a@b.c", "123456")).as("another user").isFalse();
        assertThat(hasher.matches(stored, salt, "pool", SUB, CodePurpose.PASSWORD_RESET, "new@b.c", "123456")).as("another address").isFalse();
        assertThat(hasher.matches(stored, VerificationCodeHasher.newSalt(), "pool", SUB, CodePurpose.PASSWORD_RESET, "a@b.c", "123456"))
                .as("another salt").isFalse();
        assertThat(new VerificationCodeHasher(Optional.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
                .matches(stored, salt, "pool", SUB, CodePurpose.PASSWORD_RESET, "a@b.c", "123456")).as("another master key").isFalse();
    }

    @Test
    void aCodeIssuedBeforeAMasterKeyRotationStillVerifiesWithThePreviousKey() {
        String newKey = "q0fKXJ0m9Qd5l2N8yVbq1c3fWm2o4s6u8w0y2A4C6E8=";
        byte[] salt = VerificationCodeHasher.newSalt();
        byte[] issuedBefore = hasher.hash(salt, "pool", SUB, CodePurpose.SIGN_UP, "a@b.c", "123456");

        VerificationCodeHasher rotated = new VerificationCodeHasher(Optional.of(newKey), Optional.of(MASTER_KEY));
        assertThat(rotated.matches(issuedBefore, salt, "pool", SUB, CodePurpose.SIGN_UP, "a@b.c", "123456")).isTrue();
        assertThat(rotated.matches(issuedBefore, salt, "pool", SUB, CodePurpose.SIGN_UP, "a@b.c", "654321")).isFalse();
        assertThat(rotated.hash(salt, "pool", SUB, CodePurpose.SIGN_UP, "a@b.c", "123456")).as("new codes under the new key")
                .isEqualTo(new VerificationCodeHasher(Optional.of(newKey)).hash(salt, "pool", SUB, CodePurpose.SIGN_UP, "a@b.c", "123456"));
        assertThat(new VerificationCodeHasher(Optional.of(newKey)).matches(issuedBefore, salt, "pool", SUB, CodePurpose.SIGN_UP, "a@b.c", "123456"))
                .as("once the previous key is gone").isFalse();
    }

    @Test
    void refusesToWorkWithoutAMasterKey() {
        assertThatThrownBy(() -> new VerificationCodeHasher(Optional.empty()).hash(new byte[16], "pool", SUB, CodePurpose.SIGN_UP, "a@b.c", "123456"))
                .isInstanceOf(CognitoException.class).hasMessageContaining("An internal error occurred");
    }
}
