package dev.cognate.benchmarks;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.AwsJsonProtocol;
import dev.cognate.awsprotocol.AwsJsonRequest;
import dev.cognate.awsprotocol.AwsJsonResponse;
import dev.cognate.awsprotocol.AwsService;
import io.smallrye.mutiny.Uni;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link AwsJsonProtocol#handle} end to end, as the Vert.x route calls it, minus the network: resolve the
 * action from {@code X-Amz-Target}, check authorization, bind the JSON body to the request record, run the
 * action (here: returns a small DescribeUserPool-like record at once, no I/O), write the JSON response and
 * its headers ({@code x-amzn-RequestId} from a random UUID, {@code Date}).
 *
 * <p>{@link #unsignedAction()} is the protocol's own cost (dispatch + JSON binding); {@link #signedAction()}
 * is the same action behind SigV4, so the difference between the two is what verifying a signature adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2) // the SDK signer needs ~6 s of warm-up on 2 cores before C2 settles
@Measurement(iterations = 3, time = 2)
public class AwsJsonDispatchBenchmark {

    /** The request record of the benchmark actions: a DescribeUserPool-shaped body. */
    public record DescribePoolRequest(String userPoolId) {
    }

    /** A small response record: a few strings, a number, a timestamp and a list. */
    public record PoolSummary(String id, String name, String status, Integer estimatedNumberOfUsers,
                              Instant creationDate, Instant lastModifiedDate, List<String> aliasAttributes) {
    }

    public record DescribePoolResponse(PoolSummary userPool) {
    }

    /** Answers at once with the same record: everything measured is the protocol's. */
    static final class DescribePoolAction implements AwsAction<DescribePoolRequest, DescribePoolResponse> {
        private final String name;
        private final ActionAuthorization authorization;

        DescribePoolAction(String name, ActionAuthorization authorization) {
            this.name = name;
            this.authorization = authorization;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Class<DescribePoolRequest> requestType() {
            return DescribePoolRequest.class;
        }

        @Override
        public ActionAuthorization authorization() {
            return authorization;
        }

        @Override
        public Uni<DescribePoolResponse> execute(DescribePoolRequest request, ActionContext context) {
            Instant created = Instant.parse("2026-01-01T00:00:00.123Z");
            return Uni.createFrom().item(new DescribePoolResponse(new PoolSummary(request.userPoolId(), "benchmark-pool",
                    "Enabled", 42, created, created, List.of("email", "preferred_username"))));
        }
    }

    static final String UNSIGNED_ACTION = "BenchmarkDescribePoolUnsigned";
    static final String SIGNED_ACTION = "BenchmarkDescribePoolSigned";
    private static final String BODY = "{\"UserPoolId\":\"us-east-1_AbCdEfGhI\"}";

    private AwsJsonProtocol protocol;
    private AwsJsonRequest unsigned;
    private AwsJsonRequest signed;

    @Setup
    public void setUp() {
        protocol = new AwsJsonProtocol(AwsService.COGNITO_IDENTITY_PROVIDER, List.of(
                new DescribePoolAction(UNSIGNED_ACTION, ActionAuthorization.NONE),
                new DescribePoolAction(SIGNED_ACTION, ActionAuthorization.SIGV4)), Requests.verifier());
        unsigned = Requests.unsigned(Requests.IDP_PREFIX + "." + UNSIGNED_ACTION, BODY);
        signed = Requests.signed(Requests.IDP_PREFIX + "." + SIGNED_ACTION, BODY);
        // Both must take the success path, or the benchmark measures error handling.
        check(unsignedAction());
        check(signedAction());
    }

    private static void check(AwsJsonResponse response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.status() != 200 || !body.contains("us-east-1_AbCdEfGhI")) {
            throw new IllegalStateException("benchmark request failed: " + response.status() + " " + body);
        }
    }

    /** An action with {@code NONE} authorization: dispatch, JSON in, JSON out. */
    @Benchmark
    public AwsJsonResponse unsignedAction() {
        return protocol.handle(unsigned).await().indefinitely();
    }

    /** The same action with {@code SIGV4} authorization: dispatch + signature verification + JSON. */
    @Benchmark
    public AwsJsonResponse signedAction() {
        return protocol.handle(signed).await().indefinitely();
    }
}
