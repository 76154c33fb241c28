package dev.cognate.userpool.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded base64), the format libsodium,
 * the argon2 CLI and most identity systems read, so exported hashes stay usable elsewhere. Parameters
 * are read back from each hash, so hashes made with older parameters keep verifying.
 *
 * <p>The Argon2id function itself is an {@link Argon2Engine}: libargon2 in the service (issue 16), Bouncy Castle where
 * no native library is wanted; both give the same bytes, so the engine can change without rehashing.
 *
 * <p>This is CPU- and memory-bound (m KiB and milliseconds per call): callers run it on
 * {@link PasswordHashing}'s executor, never on the event loop.
 */
public final class PasswordHasher {

    /** DESIGN.md §6's m = 19 MiB, t = 2, p = 1 in pure Java: what tests use to check a stored hash (any parameters verify). */
    public static final PasswordHasher DEFAULT = new PasswordHasher(new JavaArgon2(), 19 * 1024, 2, 1);

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final Argon2Engine engine;
    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;

    public PasswordHasher(Argon2Engine engine, int memoryKiB, int iterations, int parallelism) {
        this.engine = engine;
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** {@code true} when {@code password} matches {@code encoded}; {@code false} for a wrong password or a hash that is not ours. */
    public boolean verify(String password, String encoded) {
        Matcher phc = encoded == null ? null : PHC.matcher(encoded);
        if (phc == null || !phc.matches()) {
            return false;
        }
        byte[] salt = B64_DECODER.decode(phc.group(4));
        byte[] expected = B64_DECODER.decode(phc.group(5));
        byte[] actual = argon2(password, salt, Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)),
                Integer.parseInt(phc.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** {@code true} when {@code encoded} is a hash this class can verify (used to vet imported hashes). */
    public static boolean isSupported(String encoded) {
        return encoded != null && PHC.matcher(encoded).matches();
    }

    /** {@code true} when the hash was made with other parameters than the current ones, so it should be re-hashed at the next sign-in. */
    public boolean needsRehash(String encoded) {
        return !encoded.startsWith("$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$");
    }

    /** The engine that computes the hashes, for the start-up log line. */
    public String engine() {
        return engine.description();
    }

    /** The PHC parameter string of new hashes, {@code m=19456,t=2,p=1}. */
    public String parameters() {
        return "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
    }

    private byte[] argon2(String password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
        return engine.argon2id(password.getBytes(StandardCharsets.UTF_8), salt, memoryKiB, iterations, parallelism, length);
    }
}
