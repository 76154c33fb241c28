package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.OptionalInt;

/** Password hashing, prefix {@code cognate.passwords}. The Argon2id defaults are DESIGN.md §6's. */
@ConfigMapping(prefix = "cognate.passwords")
public interface PasswordConfig {

    /** Argon2id memory cost in KiB (19 MiB). */
    @WithDefault("19456")
    int argon2MemoryKib();

    /** Argon2id iterations. */
    @WithDefault("2")
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
