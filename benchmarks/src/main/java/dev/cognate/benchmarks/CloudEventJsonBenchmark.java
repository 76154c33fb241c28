package dev.cognate.benchmarks;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.events.UserPoolEvents;
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
 * The CloudEvents JSON every event pays twice: {@link EventJson#write} when the outbox row is written (and
 * relayed to Kafka), {@link EventJson#read} in every consumer; {@link #readAndBindData()} adds the typed
 * {@code dataAs} a consumer does next. The event is a {@code cognate.userpool.pool.updated.v1}
 * ({@link UserPoolEvents.PoolChanged}), about 330 bytes of JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CloudEventJsonBenchmark {

    private CloudEvent event;
    private String json;

    @Setup
    public void setUp() {
        String poolId = "us-east-1_AbCdEfGhI";
        event = CloudEvent.of(UserPoolEvents.POOL_UPDATED, CloudEvent.userPoolSource(poolId), poolId,
                new UserPoolEvents.PoolChanged(poolId, "benchmark-pool"));
        json = EventJson.write(event);
        if (!EventJson.read(json).equals(event)) {
            throw new IllegalStateException("the event does not round-trip: " + json);
        }
    }

    @Benchmark
    public String write() {
        return EventJson.write(event);
    }

    @Benchmark
    public CloudEvent read() {
        return EventJson.read(json);
    }

    @Benchmark
    public UserPoolEvents.PoolChanged readAndBindData() {
        return EventJson.read(json).dataAs(UserPoolEvents.POOL_UPDATED);
    }
}
