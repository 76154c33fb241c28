package dev.cognate.benchmarks;

import dev.cognate.userpool.password.PasswordHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Argon2id with DESIGN.md §6's parameters (m = 19 MiB, t = 2, p = 1), as user-pool-service hashes every
 * new password ({@link #hash}) and checks every password sign-in ({@link #verify}): the CPU cost that
 * dominates a login, and so how many password checks per second one core can do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PasswordHashingBenchmark {

    private static final String PASSWORD = "Correct-Horse-Battery-9";
    private String hash;

    @Setup
    public void setUp() {
        hash = PasswordHasher.DEFAULT.hash(PASSWORD);
        if (!PasswordHasher.DEFAULT.verify(PASSWORD, hash)) {
            throw new IllegalStateException("the hash does not verify: " + hash);
        }
    }

    @Benchmark
    public String hash() {
        return PasswordHasher.DEFAULT.hash(PASSWORD);
    }

    @Benchmark
    public boolean verify() {
        return PasswordHasher.DEFAULT.verify(PASSWORD, hash);
    }
}
