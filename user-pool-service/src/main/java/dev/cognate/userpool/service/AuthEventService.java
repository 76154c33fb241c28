package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.userpool.config.AuthEventConfig;
import dev.cognate.userpool.domain.AuthEvent;
import dev.cognate.userpool.repository.AuthEventRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The authentication events of a user (AdminListUserAuthEvents), newest first, and their purge after
 * {@code cognate.auth-events.retention}. Beyond Cognito, every pool has them: Cognito keeps them only with the
 * threat-protection add-on ({@code UserPoolAddOns.AdvancedSecurityMode} AUDIT or ENFORCED).
 */
@ApplicationScoped
public class AuthEventService {

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserStore store;
    private final AuthEventRepository events;
    private final AuthEventConfig config;
    private final Clock clock;

    public AuthEventService(Pool db, UserPoolRepository pools, UserStore store, AuthEventRepository events, AuthEventConfig config, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.store = store;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Page<AuthEvent>> adminListUserAuthEvents(String poolId, String username, String nextToken, int limit) {
        String after = PaginationToken.decode(nextToken);
        Instant afterTime = after == null ? null : afterTime(after);
        UUID afterId = after == null ? null : afterId(after);
        return pools.require(db, poolId)
                .chain(pool -> store.require(db, pool, username, false))
                .chain(user -> events.newestFirst(db, poolId, user.sub(), afterTime, afterId, limit + 1))
                .map(fetched -> Page.of(fetched, limit, AuthEvent::pageKey));
    }

    /** Deletes the events older than the retention; answers how many. */
    public Uni<Integer> purgeExpired() {
        return events.deleteCreatedBefore(db, clock.instant().minus(config.retention()));
    }

    private static Instant afterTime(String key) {
        try {
            return Instant.EPOCH.plus(Long.parseLong(key.substring(0, key.indexOf('/'))), ChronoUnit.MICROS);
        } catch (RuntimeException e) {
            throw invalidToken();
        }
    }

    private static UUID afterId(String key) {
        try {
            return UUID.fromString(key.substring(key.indexOf('/') + 1));
        } catch (RuntimeException e) {
            throw invalidToken();
        }
    }

    private static CognitoException invalidToken() {
        return CognitoException.invalidParameter("Invalid pagination token.");
    }
}
