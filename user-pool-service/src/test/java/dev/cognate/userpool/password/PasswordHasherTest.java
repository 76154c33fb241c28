package dev.cognate.userpool.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private final PasswordHasher fast = new PasswordHasher(64, 1, 1);

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
    void writesAPhcStringThatVerifiesOnlyTheRightPassword() {
        String hash = fast.hash("correct horse battery staple");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(fast.verify("correct horse battery staple", hash)).isTrue();
        assertThat(fast.verify("Correct horse battery staple", hash)).isFalse();
        assertThat(fast.hash("correct horse battery staple")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void verifiesHashesMadeWithOtherParametersAndSaysTheyNeedARehash() {
        String old = new PasswordHasher(32, 2, 1).hash("pw");
        assertThat(fast.verify("pw", old)).isTrue();
        assertThat(fast.needsRehash(old)).isTrue();
        assertThat(fast.needsRehash(fast.hash("pw"))).isFalse();
    }

    @Test
    void verifiesAHashWrittenByTheArgon2ReferenceImplementation() {
        // phc-winner-argon2's test vector: argon2id, t=2, m=65536, p=1, password "password", salt "somesalt".
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(PasswordHasher.isSupported(reference)).isTrue();
        assertThat(fast.verify("password", reference)).isTrue();
        assertThat(fast.verify("passw0rd", reference)).isFalse();
    }

    @Test
    void refusesAnythingThatIsNotAnArgon2idPhcString() {
        assertThat(PasswordHasher.isSupported("$2a$10$abcdefghijklmnopqrstuu")).isFalse();
        assertThat(PasswordHasher.isSupported("$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(fast.verify("pw", null)).isFalse();
        assertThat(fast.verify("pw", "plain")).isFalse();
        assertThat(PasswordHasher.isSupported(fast.hash("pw"))).isTrue();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
