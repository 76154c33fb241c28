package dev.cognate.userpool.password;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without libargon2 the native implementation fails at once with a message that says what to install or set, not with
 * a bare {@link UnsatisfiedLinkError} at the first sign-in. Run in a JVM of its own where JNA looks for the library only
 * in an empty directory (the library stays loaded in this one).
 */
class NativeArgon2MissingTest {

    public static void main(String[] args) {
        try {
            Argon2Engine.named("native");
            System.out.println("LOADED");
        } catch (IllegalStateException e) {
            System.out.println("REFUSED: " + e.getMessage());
        }
    }

    @Test
    void aMissingLibraryIsAClearErrorNamingWhatToInstallOrSet() throws Exception {
        File empty = java.nio.file.Files.createTempDirectory("no-argon2").toFile();
        Process process = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-Djna.platform.library.path=" + empty, "-Djna.library.path=" + empty,
                "-cp", System.getProperty("java.class.path"), NativeArgon2MissingTest.class.getName())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("REFUSED: cognate.passwords.argon2-implementation is native, but libargon2 cannot be loaded")
                .contains("install it (Debian/Ubuntu libargon2-1").contains("or set cognate.passwords.argon2-implementation=java");
    }
}
