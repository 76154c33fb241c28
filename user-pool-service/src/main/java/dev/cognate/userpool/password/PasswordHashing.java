package dev.cognate.userpool.password;

import dev.cognate.userpool.config.PasswordConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Argon2id on a small dedicated pool of threads, never on the event loop: a hash costs tens of
 * milliseconds of CPU and 19 MiB of memory, so the pool's size caps both. Work beyond it waits in the
 * pool's queue instead of starving the request threads.
 */
@ApplicationScoped
public class PasswordHashing {

    /** Verified against when a user does not exist, so that the answer takes as long as for a real user. */
    private static final String DUMMY_PASSWORD = "cognate-timing-equaliser";

    private final PasswordHasher hasher;
    private final ExecutorService executor;
    private final String dummyHash;

    public PasswordHashing(PasswordConfig config) {
        this.hasher = new PasswordHasher(config.argon2MemoryKib(), config.argon2Iterations(), config.argon2Parallelism());
        int threads = config.hashingThreads().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "cognate-password-hashing-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.dummyHash = hasher.hash(DUMMY_PASSWORD);
    }

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> hasher.hash(password)).runSubscriptionOn(executor);
    }

    /** Verifies {@code password} against {@code encoded}; with no hash (unknown user) it spends the same time and answers false. */
    public Uni<Boolean> verify(String password, String encoded) {
        return Uni.createFrom().item(() -> {
            if (encoded == null) {
                hasher.verify(password, dummyHash);
                return false;
            }
            return hasher.verify(password, encoded);
        }).runSubscriptionOn(executor);
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
