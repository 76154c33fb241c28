package dev.cognate.userpool.oidc;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The kept discovery documents: built once, rebuilt after an invalidation or the TTL, never kept when stale at birth. */
class DiscoveryDocumentsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final DiscoveryDocuments documents = new DiscoveryDocuments(clock);
    private final AtomicInteger builds = new AtomicInteger();

    private Uni<DiscoveryDocuments.Document> build() {
        int n = builds.incrementAndGet();
        return Uni.createFrom().item(new DiscoveryDocuments.Document(("v" + n).getBytes(StandardCharsets.UTF_8), "\"v" + n + "\""));
    }

    private String body(String poolId) {
        return new String(documents.document(poolId, this::build).await().indefinitely().body(), StandardCharsets.UTF_8);
    }

    @Test
    void buildsOncePerPoolUntilTheTtlHasPassed() {
        assertThat(body("us-east-1_A")).isEqualTo("v1");
        assertThat(body("us-east-1_A")).isEqualTo("v1");
        assertThat(body("us-east-1_B")).isEqualTo("v2");

        now.set(T0.plus(DiscoveryDocuments.TTL).minusMillis(1));
        assertThat(body("us-east-1_A")).isEqualTo("v1");
        now.set(T0.plus(DiscoveryDocuments.TTL));
        assertThat(body("us-east-1_A")).isEqualTo("v3");
    }

    @Test
    void anInvalidatedPoolIsRebuiltOnItsNextRequest() {
        assertThat(body("us-east-1_A")).isEqualTo("v1");
        assertThat(body("us-east-1_B")).isEqualTo("v2");
        documents.invalidate("us-east-1_A");
        assertThat(body("us-east-1_A")).isEqualTo("v3");
        assertThat(body("us-east-1_B")).isEqualTo("v2");
    }

    @Test
    void aDocumentBuiltWhileAChangeCommittedIsServedButNotKept() {
        AtomicReference<UniEmitter<? super DiscoveryDocuments.Document>> pending = new AtomicReference<>();
        AtomicReference<DiscoveryDocuments.Document> served = new AtomicReference<>();
        documents.document("us-east-1_A", () -> Uni.createFrom().<DiscoveryDocuments.Document>emitter(emitter -> pending.set(emitter)))
                .subscribe().with(served::set);

        // the build read the old state; a change commits and invalidates before the build finishes
        documents.invalidate("us-east-1_A");
        pending.get().complete(new DiscoveryDocuments.Document("old".getBytes(StandardCharsets.UTF_8), "\"old\""));

        assertThat(new String(served.get().body(), StandardCharsets.UTF_8)).isEqualTo("old");
        assertThat(body("us-east-1_A")).isEqualTo("v1");
        assertThat(body("us-east-1_A")).isEqualTo("v1");
    }
}
