package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserPoolIds;
import dev.cognate.userpool.domain.UserPoolSettings;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.UserPoolMfaRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.SettingsCache;
import dev.cognate.userpool.validation.UserPoolSettingsRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * User pool lifecycle. Every change and its event commit in one transaction (the outbox), so an
 * event is published if and only if its change happened.
 */
@ApplicationScoped
public class UserPoolService {

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserPoolMfaRepository mfa;
    private final CognateConfig config;
    private final UserPoolSettingsRules rules;
    private final Clock clock;

    /** Dropped after every committed change of a pool or its clients (repository/SettingsCache). */
    private final SettingsCache settingsCache;

    public UserPoolService(Pool db, UserPoolRepository pools, UserPoolMfaRepository mfa, CognateConfig config, UserPoolSettingsRules rules, Clock clock,
                           SettingsCache settingsCache) {
        this.settingsCache = settingsCache;
        this.db = db;
        this.pools = pools;
        this.mfa = mfa;
        this.config = config;
        this.rules = rules;
        this.clock = clock;
    }

    public Uni<UserPool> createUserPool(String name, JsonNode request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        UserPool pool = new UserPool(UserPoolIds.newId(config.region()), name,
                UserPoolSettings.forCreate(request, rules), UserPoolSettings.tags(request), now, now);
        return db.withTransaction(tx -> pools.insert(tx, pool)
                .chain(() -> publish(tx, UserPoolEvents.POOL_CREATED, pool))
                .replaceWith(pool));
    }

    public Uni<UserPool> describeUserPool(String id) {
        return pools.require(db, id);
    }

    public Uni<UserPool> updateUserPool(String id, JsonNode request) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, id)
                .chain(current -> mfa.find(tx, id).map(mfaConfig -> updated(current, request, otherMfaFactorOn(mfaConfig.orElse(null)))))
                .call(pool -> pools.update(tx, pool))
                .call(pool -> publish(tx, UserPoolEvents.POOL_UPDATED, pool)))
                .call(() -> settingsCache.poolChanged(id));
    }

    public Uni<Void> deleteUserPool(String id) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, id)
                .call(pool -> {
                    if (pool.deletionProtected()) {
                        throw CognitoException.invalidParameter("The user pool cannot be deleted because deletion protection is activated."
                                + " Deletion protection must be inactivated first.");
                    }
                    return pools.delete(tx, id);
                })
                .call(pool -> publish(tx, UserPoolEvents.POOL_DELETED, pool))
                .replaceWithVoid())
                .call(() -> settingsCache.poolChanged(id));
    }

    /** A page of pools in id order after {@code afterId}, with one extra row when more follow. */
    public Uni<List<UserPool>> listUserPools(String afterId, int limit) {
        return pools.page(db, afterId, limit + 1);
    }

    private UserPool updated(UserPool current, JsonNode request, boolean otherMfaFactorOn) {
        JsonNode name = request.get("PoolName");
        String newName = name == null || name.isNull() ? current.name() : name.asText();
        JsonNode tags = request.get("UserPoolTags");
        return new UserPool(current.id(), newName, UserPoolSettings.forUpdate(request, current.settings(), rules, otherMfaFactorOn),
                tags == null || tags.isNull() ? current.tags() : UserPoolSettings.tags(request),
                current.creationDate(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** TOTP or email MFA, set by SetUserPoolMfaConfig, lets MFA be ON or OPTIONAL without SMS. */
    private static boolean otherMfaFactorOn(ObjectNode mfaConfig) {
        return mfaConfig != null && (mfaConfig.path(UserPoolMfaService.SOFTWARE_TOKEN_MFA).path("Enabled").asBoolean(false)
                || mfaConfig.hasNonNull(UserPoolMfaService.EMAIL_MFA));
    }

    private static Uni<Void> publish(SqlClient tx, EventType<UserPoolEvents.PoolChanged> type, UserPool pool) {
        return UserPoolEventOutbox.publish(tx, pool.id(), type,
                new UserPoolEvents.PoolChanged(pool.id(), pool.name()));
    }
}
