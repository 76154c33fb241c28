package dev.cognate.userpool.password;

import dev.cognate.userpool.config.PasswordConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Argon2id on a small dedicated pool of threads, never on the event loop: a hash costs tens of
 * milliseconds of CPU and 19 MiB of memory, so the pool's size caps both. Work beyond it waits in the
 * pool's queue instead of starving the request threads.
 *
 * <p>Created at start-up ({@link Startup}), not at the first sign-in: loading libargon2 and hashing the dummy password
 * take seconds on a busy machine and ran on the event loop of the first request that needed a hash (vert.x reported it
 * blocked 3.6 s); and a missing native library now stops the service at start-up with its message.
 */
@Startup
@ApplicationScoped
public class PasswordHashing {

    private static final Logger LOG = Logger.getLogger(PasswordHashing.class);

    /** Verified against when a user does not exist, so that the answer takes as long as for a real user. */
    private static final String DUMMY_PASSWORD = "cognate-timing-equaliser";

    private final PasswordHasher hasher;
    private final ExecutorService executor;
    private final String dummyHash;

    public PasswordHashing(PasswordConfig config) {
        this.hasher = new PasswordHasher(Argon2Engine.named(config.argon2Implementation()), config.argon2MemoryKib(),
                config.argon2Iterations(), config.argon2Parallelism());
        int threads = config.hashingThreads().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "cognate-password-hashing-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.dummyHash = hasher.hash(DUMMY_PASSWORD);
        LOG.infof("Argon2id %s by %s on %d thread(s): at most %d MiB hashing at once", hasher.parameters(), hasher.engine(), threads,
                (long) threads * config.argon2MemoryKib() / 1024);
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

    /**
     * After {@code password} matched {@code encoded}: a new hash with the configured parameters when {@code encoded} was
     * made with others (an older setting, an imported hash), else empty. Computed on the hashing pool.
     */
    public Uni<Optional<String>> rehashIfOutdated(String password, String encoded) {
        if (encoded == null || !hasher.needsRehash(encoded)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return hash(password).map(Optional::of);
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
