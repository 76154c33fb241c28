package dev.cognate.userpool.password;

/**
 * One implementation of the raw Argon2id function (version 1.3): {@link NativeArgon2} (libargon2 through JNA) or
 * {@link JavaArgon2} (Bouncy Castle). Both compute the same bytes for the same inputs, so a hash made by one verifies
 * with the other; {@link PasswordHasher} adds the salt, the PHC string and the constant-time comparison.
 */
public interface Argon2Engine {

    /** Argon2id of {@code password} with {@code salt}: {@code length} bytes. */
    byte[] argon2id(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length);

    /** What runs, for the start-up log line: "libargon2 (native)" or "Bouncy Castle (Java)". */
    String description();

    /** The implementation {@code name} (configuration's {@code native} or {@code java}) names; native fails at once when libargon2 cannot be loaded. */
    static Argon2Engine named(String name) {
        return switch (name) {
            case "native" -> NativeArgon2.load();
            case "java" -> new JavaArgon2();
            default -> throw new IllegalArgumentException(
                    "cognate.passwords.argon2-implementation must be native or java, not " + name);
        };
    }
}
