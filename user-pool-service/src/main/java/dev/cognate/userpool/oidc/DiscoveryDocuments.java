package dev.cognate.userpool.oidc;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The serialised discovery documents of the pools, so that {@code /.well-known/openid-configuration} answers bytes
 * instead of two queries and a JSON tree per request. A document is kept for at most {@link #TTL}; this instance
 * drops it at once when it commits a change of what it lists (a domain, a resource server: {@link #invalidate}), so
 * another instance of the service shows such a change at most {@link #TTL} late. At most {@link #MAX_POOLS} documents
 * are kept (then the cache starts again empty): memory stays bounded however many pools are asked for.
 */
@ApplicationScoped
public class DiscoveryDocuments {

    static final Duration TTL = Duration.ofSeconds(30);
    static final int MAX_POOLS = 10_000;

    /** A document as served: its bytes and a strong ETag. */
    public record Document(byte[] body, String etag) {
    }

    private record Cached(Document document, Instant builtAt) {
    }

    private final Map<String, Cached> documents = new ConcurrentHashMap<>();
    /** Counts invalidations: a document built while one happened may be stale, and is served but not kept. */
    private final AtomicLong invalidations = new AtomicLong();
    private final Clock clock;

    public DiscoveryDocuments(Clock clock) {
        this.clock = clock;
    }

    /** The pool's document, built by {@code build} when none is kept or the kept one is older than {@link #TTL}. */
    Uni<Document> document(String poolId, Supplier<Uni<Document>> build) {
        Cached cached = documents.get(poolId);
        Instant now = clock.instant();
        if (cached != null && cached.builtAt().plus(TTL).isAfter(now)) {
            return Uni.createFrom().item(cached.document());
        }
        long generation = invalidations.get();
        return build.get().invoke(document -> {
            if (invalidations.get() != generation) {
                return;
            }
            if (documents.size() >= MAX_POOLS) {
                documents.clear();
            }
            documents.put(poolId, new Cached(document, now));
        });
    }

    /** After a committed change of the pool's domains or resource servers: the next request rebuilds its document. */
    public void invalidate(String poolId) {
        invalidations.incrementAndGet();
        documents.remove(poolId);
    }
}
