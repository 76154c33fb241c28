package dev.cognate.userpool.password;

import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.JnaUint32;
import de.mkammerer.argon2.jna.Size_t;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Argon2id by the reference C library, libargon2 (Debian/Ubuntu {@code libargon2-1}, Alpine {@code argon2-libs},
 * RHEL/Fedora {@code libargon2}), called through JNA by argon2-jvm's binding ({@code argon2id_hash_raw}). The library
 * allocates and frees its m KiB itself, so a hash leaves no garbage on the Java heap.
 */
public final class NativeArgon2 implements Argon2Engine {

    private static final int ARGON2_OK = 0;

    private final Argon2Library library;

    private NativeArgon2(Argon2Library library) {
        this.library = library;
    }

    /**
     * Loads libargon2 and checks it against a known answer, or fails with a message that says what to install or set:
     * a missing library must stop the service at start-up, never slow it down unnoticed.
     */
    public static NativeArgon2 load() {
        Argon2Library library;
        try {
            library = Argon2Library.INSTANCE;
        } catch (LinkageError e) {
            throw new IllegalStateException("cognate.passwords.argon2-implementation is native, but libargon2 cannot be loaded ("
                    + e.getMessage() + "): install it (Debian/Ubuntu libargon2-1, Alpine argon2-libs, RHEL/Fedora libargon2) "
                    + "or set cognate.passwords.argon2-implementation=java", e);
        }
        NativeArgon2 engine = new NativeArgon2(library);
        engine.selfTest();
        return engine;
    }

    @Override
    public byte[] argon2id(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
        byte[] out = new byte[length];
        int result = library.argon2id_hash_raw(new JnaUint32(iterations), new JnaUint32(memoryKiB), new JnaUint32(parallelism),
                password, new Size_t(password.length), salt, new Size_t(salt.length), out, new Size_t(length));
        if (result != ARGON2_OK) {
            throw new IllegalArgumentException("libargon2 refused the parameters (m=" + memoryKiB + ", t=" + iterations
                    + ", p=" + parallelism + "): " + library.argon2_error_message(result));
        }
        return out;
    }

    @Override
    public String description() {
        return "libargon2 (native)";
    }

    static final byte[] SELF_TEST_PASSWORD = "cognate-self-test".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SELF_TEST_SALT = "cognate-salt-16b".getBytes(StandardCharsets.US_ASCII);
    /**
     * Bouncy Castle's Argon2id (m=64 KiB, t=2, p=1, 32 bytes) of the self-test's password and salt, recorded rather than
     * computed at start-up (pure Java on a cold JVM: ~30 ms of the readiness budget); PasswordHasherTest checks that Bouncy
     * Castle still computes exactly this.
     */
    static final String SELF_TEST_HASH = "5686db4667686709628f3d7caa8062d5bf4338aad9d5e871e3a2cc2312d3d686";

    /** One small hash compared with Bouncy Castle's: a library that loads but computes something else must not hash passwords. */
    private void selfTest() {
        byte[] expected = HexFormat.of().parseHex(SELF_TEST_HASH);
        if (!MessageDigest.isEqual(expected, argon2id(SELF_TEST_PASSWORD, SELF_TEST_SALT, 64, 2, 1, 32))) {
            throw new IllegalStateException("libargon2 computed a different Argon2id than Bouncy Castle: refusing to use it");
        }
    }
}
