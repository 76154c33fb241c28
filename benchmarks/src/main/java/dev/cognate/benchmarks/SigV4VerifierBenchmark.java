package dev.cognate.benchmarks;

import dev.cognate.awsprotocol.AwsJsonRequest;
import dev.cognate.awsprotocol.SigV4Verifier;
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
 * {@link SigV4Verifier#verify}: what every operator call (CreateUserPool, ListUserPools, ...) pays before its
 * action runs. Parses {@code Authorization}, rebuilds the canonical request from the signed headers, hashes
 * the body, derives the signing key (four HMACs) and signs with the AWS SDK's {@code Aws4Signer}, then
 * compares in constant time.
 *
 * <p>The requests are signed once, in {@link #setUp()}, at a fixed instant; the verifier's clock is fixed
 * 30 s later, so every invocation takes the success path (the full computation) however long the run lasts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2) // the SDK signer needs ~6 s of warm-up on 2 cores before C2 settles
@Measurement(iterations = 3, time = 2)
public class SigV4VerifierBenchmark {

    private SigV4Verifier verifier;
    private AwsJsonRequest listUserPools;
    private AwsJsonRequest body4KiB;

    @Setup
    public void setUp() {
        verifier = Requests.verifier();
        listUserPools = Requests.signed(Requests.IDP_PREFIX + ".ListUserPools", Requests.listUserPoolsBody());
        body4KiB = Requests.signed(Requests.IDP_PREFIX + ".CreateUserPool", Requests.bodyOfAbout(4096));
        // A benchmark of the failure path would be meaningless: make sure both really verify.
        check(listUserPools);
        check(body4KiB);
    }

    private void check(AwsJsonRequest request) {
        String accessKey = verifier.verify(request, Requests.IDP_SERVICE);
        if (!Requests.ACCESS_KEY.equals(accessKey)) {
            throw new IllegalStateException("verification returned " + accessKey);
        }
    }

    /** A ListUserPools request: {@code {"MaxResults":60}}, 17 bytes of body. */
    @Benchmark
    public String verifyListUserPools() {
        return verifier.verify(listUserPools, Requests.IDP_SERVICE);
    }

    /** A CreateUserPool request with a body of about 4 KiB: the body hash starts to show. */
    @Benchmark
    public String verify4KiBBody() {
        return verifier.verify(body4KiB, Requests.IDP_SERVICE);
    }
}
