package dev.cognate.benchmarks;

import dev.cognate.benchmarks.baseline.SrpBeforeIssue16;
import dev.cognate.userpool.crypto.Srp;
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

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The arithmetic of an SRP sign-in (USER_SRP_AUTH then PASSWORD_VERIFIER, RFC 5054's 3,072-bit group) in user-pool-service's
 * {@link Srp} against the code before issue 16 ({@link SrpBeforeIssue16}). {@code challenge*}: the first step's B = k·v + g^b
 * and its hex; {@code verify*}: the second step's parsing, u, S = (A·v^u)^b, HKDF and the claim's HMAC. The parts:
 * {@code gPow*} (g^b by a fixed-base table vs {@code modPow}), {@code hex*} / {@code parse*} (a 3,072-bit number to and from
 * hex through its bytes vs {@code toString(16)} / {@code new BigInteger(hex, 16)}). Fixed inputs (a seeded generator), so
 * runs compare; {@code @Setup} checks that both implementations give the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class SrpBenchmark {

    private static final String POOL_NAME = "Bench12345";
    private static final String USER_ID = "bench-user";
    private static final String TIMESTAMP = "Mon Dec 7 21:30:00 UTC 2026";

    private BigInteger b;
    private String verifierHex;
    private String aHex;
    private String bPublicHex;
    private BigInteger bPublic;
    private String secretBlock;

    @Setup
    public void setUp() {
        Random random = new Random(16);
        BigInteger salt = new BigInteger(128, random);
        BigInteger v = Srp.verifier(Srp.x(POOL_NAME, USER_ID, "Bench-Pass-1", salt));
        verifierHex = v.toString(16);
        b = new BigInteger(256, random);
        aHex = Srp.G.modPow(new BigInteger(256, random), Srp.N).toString(16);
        bPublicHex = SrpBeforeIssue16.challenge(verifierHex, b);
        bPublic = new BigInteger(bPublicHex, 16);
        byte[] block = new byte[64];
        random.nextBytes(block);
        secretBlock = Base64.getEncoder().encodeToString(block);
        if (!challenge().equals(bPublicHex) || !Arrays.equals(verify(), verifyBaseline()) || !gPowFixedBase().equals(gPowModPow())) {
            throw new IllegalStateException("the two implementations differ");
        }
    }

    @Benchmark
    public String challengeBaseline() {
        return SrpBeforeIssue16.challenge(verifierHex, b);
    }

    @Benchmark
    public String challenge() {
        BigInteger v = Srp.parseHex(verifierHex);
        String forSession = Srp.hex(Srp.serverPublic(v, b));
        return forSession;
    }

    @Benchmark
    public byte[] verifyBaseline() {
        return SrpBeforeIssue16.verify(verifierHex, aHex, bPublicHex, b, POOL_NAME, USER_ID, secretBlock, TIMESTAMP);
    }

    @Benchmark
    public byte[] verify() {
        BigInteger v = Srp.parseHex(verifierHex);
        BigInteger a = Srp.parseHex(aHex);
        BigInteger u = Srp.u(a, Srp.parseHex(bPublicHex));
        byte[] key = Srp.hkdf(Srp.serverSecret(a, v, u, b), u);
        return Srp.claimSignature(key, POOL_NAME, USER_ID, Base64.getDecoder().decode(secretBlock), TIMESTAMP);
    }

    @Benchmark
    public BigInteger gPowModPow() {
        return Srp.G.modPow(b, Srp.N);
    }

    /** g^b through the fixed-base table ({@link Srp#verifier} is g^x by the same table). */
    @Benchmark
    public BigInteger gPowFixedBase() {
        return Srp.verifier(b);
    }

    @Benchmark
    public String hexBaseline() {
        return bPublic.toString(16);
    }

    @Benchmark
    public String hex() {
        return Srp.hex(bPublic);
    }

    @Benchmark
    public BigInteger parseHexBaseline() {
        return new BigInteger(bPublicHex, 16);
    }

    @Benchmark
    public BigInteger parseHex() {
        return Srp.parseHex(bPublicHex);
    }
}
