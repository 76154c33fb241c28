package dev.cognate.userpool.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every behaviour with both Argon2id implementations: libargon2 (native, the default) and Bouncy Castle (Java). */
class PasswordHasherTest {

    static List<Argon2Engine> engines() {
        return List.of(NativeArgon2.load(), new JavaArgon2());
    }

    @Test
    void matchesTheRfc9106Argon2idTestVector() {
        // RFC 9106 §5.3: Argon2id, v=0x13, m=32 KiB, t=3, p=4, with secret and associated data.
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4)
                .withSalt(filled(16, 0x02)).withSecret(filled(8, 0x03)).withAdditional(filled(12, 0x04)).build());
        byte[] tag = new byte[32];
        generator.generateBytes(filled(32, 0x01), tag);
        assertThat(HexFormat.of().formatHex(tag)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void theNativeSelfTestsRecordedHashIsBouncyCastlesArgon2id() {
        assertThat(java.util.HexFormat.of().formatHex(new JavaArgon2().argon2id(NativeArgon2.SELF_TEST_PASSWORD,
                NativeArgon2.SELF_TEST_SALT, 64, 2, 1, 32)))
                .as("what NativeArgon2's start-up self-test compares libargon2's hash with").isEqualTo(NativeArgon2.SELF_TEST_HASH);
    }

    @Test
    void nativeAndJavaComputeTheSameBytesForEveryOwaspParameterSet() {
        // The two implementations are independent code: equal output over random inputs at the parameter sets the
        // service may be configured with (scaled down in memory for speed, the shapes kept) and a full-size one.
        SecureRandom random = new SecureRandom();
        Argon2Engine nativeArgon2 = NativeArgon2.load();
        Argon2Engine javaArgon2 = new JavaArgon2();
        int[][] sets = {{47104 / 64, 1}, {19456 / 64, 2}, {12288 / 64, 3}, {9216 / 64, 4}, {7168 / 64, 5}, {19456, 2}};
        for (int[] set : sets) {
            byte[] password = new byte[1 + random.nextInt(40)];
            byte[] salt = new byte[16];
            random.nextBytes(password);
            random.nextBytes(salt);
            assertThat(nativeArgon2.argon2id(password, salt, set[0], set[1], 1, 32))
                    .as("m=%d t=%d", set[0], set[1]).isEqualTo(javaArgon2.argon2id(password, salt, set[0], set[1], 1, 32));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void writesAPhcStringThatVerifiesOnlyTheRightPassword(Argon2Engine engine) {
        PasswordHasher fast = new PasswordHasher(engine, 64, 1, 1);
        String hash = fast.hash("correct horse battery staple");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(fast.verify("correct horse battery staple", hash)).isTrue();
        assertThat(fast.verify("Correct horse battery staple", hash)).isFalse();
        assertThat(fast.hash("correct horse battery staple")).as("salted").isNotEqualTo(hash);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void verifiesHashesMadeWithOtherParametersOrTheOtherEngineAndSaysTheyNeedARehash(Argon2Engine engine) {
        PasswordHasher fast = new PasswordHasher(engine, 64, 1, 1);
        for (Argon2Engine other : engines()) {
            String old = new PasswordHasher(other, 32, 2, 1).hash("pw");
            assertThat(fast.verify("pw", old)).isTrue();
            assertThat(fast.needsRehash(old)).isTrue();
            String current = new PasswordHasher(other, 64, 1, 1).hash("pw");
            assertThat(fast.verify("pw", current)).isTrue();
            assertThat(fast.needsRehash(current)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void verifiesAHashWrittenByTheArgon2ReferenceImplementation(Argon2Engine engine) {
        // phc-winner-argon2's test vector: argon2id, t=2, m=65536, p=1, password "password", salt "somesalt".
        PasswordHasher fast = new PasswordHasher(engine, 64, 1, 1);
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(PasswordHasher.isSupported(reference)).isTrue();
        assertThat(fast.verify("password", reference)).isTrue();
        assertThat(fast.verify("passw0rd", reference)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void refusesAnythingThatIsNotAnArgon2idPhcString(Argon2Engine engine) {
        PasswordHasher fast = new PasswordHasher(engine, 64, 1, 1);
        assertThat(PasswordHasher.isSupported("$2a$10$abcdefghijklmnopqrstuu")).isFalse();
        assertThat(PasswordHasher.isSupported("$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(fast.verify("pw", null)).isFalse();
        assertThat(fast.verify("pw", "plain")).isFalse();
        assertThat(PasswordHasher.isSupported(fast.hash("pw"))).isTrue();
    }

    @Test
    void nativeRefusesParametersLibargon2CannotUseWithItsOwnMessage() {
        // m below 8 KiB per lane is below Argon2's minimum: the library says so, no hash is made.
        assertThatThrownBy(() -> NativeArgon2.load().argon2id(new byte[] {1}, new byte[16], 4, 1, 1, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=4").hasMessageContaining("Memory cost is too small");
    }

    @Test
    void anUnknownImplementationNameIsAClearError() {
        assertThatThrownBy(() -> Argon2Engine.named("bcrypt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cognate.passwords.argon2-implementation must be native or java, not bcrypt");
        assertThat(Argon2Engine.named("native")).isInstanceOf(NativeArgon2.class);
        assertThat(Argon2Engine.named("java")).isInstanceOf(JavaArgon2.class);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
