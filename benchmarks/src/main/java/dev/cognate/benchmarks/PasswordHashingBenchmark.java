package dev.cognate.benchmarks;

import dev.cognate.userpool.password.Argon2Engine;
import dev.cognate.userpool.password.PasswordHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Argon2id as user-pool-service hashes every new password ({@link #hash}) and checks every password sign-in
 * ({@link #verify}): the CPU cost that dominates a login. Both implementations ({@code native}: libargon2 through JNA,
 * the service's default; {@code java}: Bouncy Castle) at each of OWASP's equivalent Argon2id parameter sets
 * (p = 1): m = 47104 t = 1, 19456 t = 2 (DESIGN.md §6, the default), 12288 t = 3, 9216 t = 4, 7168 t = 5 KiB.
 * Select with {@code -p engine=native -p params=19456/2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PasswordHashingBenchmark {

    private static final String PASSWORD = "Correct-Horse-Battery-9";

    @Param({"native", "java"})
    public String engine;

    /** memory KiB / iterations. */
    @Param({"47104/1", "19456/2", "12288/3", "9216/4", "7168/5"})
    public String params;

    private PasswordHasher hasher;
    private String hash;

    @Setup
    public void setUp() {
        String[] mt = params.split("/");
        hasher = new PasswordHasher(Argon2Engine.named(engine), Integer.parseInt(mt[0]), Integer.parseInt(mt[1]), 1);
        hash = hasher.hash(PASSWORD);
        if (!hasher.verify(PASSWORD, hash) || !hash.contains("m=" + mt[0] + ",t=" + mt[1] + ",p=1$")) {
            throw new IllegalStateException("the hash does not verify: " + hash);
        }
    }

    @Benchmark
    public String hash() {
        return hasher.hash(PASSWORD);
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify(PASSWORD, hash);
    }
}
