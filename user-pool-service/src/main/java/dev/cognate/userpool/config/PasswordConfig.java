package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.OptionalInt;

/**
 * Password hashing, prefix {@code cognate.passwords}. The Argon2id defaults are OWASP's m = 7 MiB, t = 5, p = 1: one of
 * its five equivalent recommended sets (DESIGN.md §6 named m = 19 MiB, t = 2, another of them), the one that costs the
 * least CPU per check here and holds the least memory per hash (benchmarks/README.md, "Sign-in (issue 16)"). Hashes
 * made with other parameters keep verifying and are rehashed at the user's next password sign-in.
 */
@ConfigMapping(prefix = "cognate.passwords")
public interface PasswordConfig {

    /** Argon2id memory cost in KiB (7 MiB). */
    @WithDefault("7168")
    int argon2MemoryKib();

    /** Argon2id iterations. */
    @WithDefault("5")
    int argon2Iterations();

    /** Argon2id lanes. */
    @WithDefault("1")
    int argon2Parallelism();

    /**
     * Which Argon2id implementation runs: {@code native} (libargon2 through JNA; the service does not start without it)
     * or {@code java} (Bouncy Castle, slower). Both compute the same hashes.
     */
    @WithDefault("native")
    String argon2Implementation();

    /**
     * Threads that hash passwords, off the event loop; also the most hashes computed at once, which
     * bounds their memory (threads × memory cost). Default: the number of CPUs.
     */
    OptionalInt hashingThreads();
}
