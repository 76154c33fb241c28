package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.SettingsCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tags of a user pool (TagResource, UntagResource, ListTagsForResource): the same {@code tags} that
 * CreateUserPool and UpdateUserPool set and DescribeUserPool returns as {@code UserPoolTags}. A change
 * publishes {@code pool.updated} in its transaction.
 */
@ApplicationScoped
public class UserPoolTagService {

    /** Cognito's limit of tags on one user pool. */
    public static final int MAX_TAGS = 50;

    private final Pool db;
    private final UserPoolRepository pools;

    /** Dropped after every committed change of a pool or its clients (repository/SettingsCache). */
    private final SettingsCache settingsCache;

    public UserPoolTagService(Pool db, UserPoolRepository pools, SettingsCache settingsCache) {
        this.settingsCache = settingsCache;
        this.db = db;
        this.pools = pools;
    }

    public Uni<Map<String, String>> listTags(String poolId) {
        return pools.require(db, poolId).map(UserPool::tags);
    }

    /** Adds the tags, replacing the values of keys the pool has already. */
    public Uni<Void> tag(String poolId, Map<String, String> tags) {
        return change(poolId, current -> {
            Map<String, String> merged = new LinkedHashMap<>(current);
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw CognitoException.invalidParameter("The user pool would have " + merged.size()
                        + " tags; a user pool can have at most " + MAX_TAGS + " tags.");
            }
            return merged;
        });
    }

    /** Removes the tags with these keys; keys the pool does not have are ignored. */
    public Uni<Void> untag(String poolId, Collection<String> keys) {
        return change(poolId, current -> {
            Map<String, String> remaining = new LinkedHashMap<>(current);
            keys.forEach(remaining::remove);
            return remaining;
        });
    }

    private Uni<Void> change(String poolId, java.util.function.UnaryOperator<Map<String, String>> change) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, poolId)
                .map(pool -> new UserPool(pool.id(), pool.name(), pool.settings(), change.apply(pool.tags()),
                        pool.creationDate(), pool.lastModifiedDate()))
                .call(pool -> pools.update(tx, pool))
                .chain(pool -> publish(tx, pool)))
                .call(() -> settingsCache.poolChanged(poolId));
    }

    private static Uni<Void> publish(SqlClient tx, UserPool pool) {
        return UserPoolEventOutbox.publish(tx, pool.id(), UserPoolEvents.POOL_UPDATED, new UserPoolEvents.PoolChanged(pool.id(), pool.name()));
    }
}
