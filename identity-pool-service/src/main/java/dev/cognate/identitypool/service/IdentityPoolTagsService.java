package dev.cognate.identitypool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.events.Topics;
import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.IdentityPoolIds;
import dev.cognate.identitypool.repository.IdentityPoolRepository;
import dev.cognate.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource and ListTagsForResource on an identity pool's ARN
 * ({@code arn:aws:cognito-identity:{region}:{account}:identitypool/{poolId}}). The tags are the pool's
 * {@code IdentityPoolTags} (one storage with Create/Update/DescribeIdentityPool); a change is published as a pool update.
 */
@ApplicationScoped
public class IdentityPoolTagsService {

    /** Cognito's limit of tags on one identity pool. */
    public static final int MAX_TAGS = 50;
    private static final Pattern POOL_ARN = Pattern.compile("arn:aws:cognito-identity:([^:]*):([^:]*):identitypool/(.+)");

    private final Pool db;
    private final IdentityPoolRepository pools;
    private final CognateConfig config;

    public IdentityPoolTagsService(Pool db, IdentityPoolRepository pools, CognateConfig config) {
        this.db = db;
        this.pools = pools;
        this.config = config;
    }

    public Uni<Map<String, String>> tags(String resourceArn) {
        String poolId = poolId(resourceArn);
        return pools.find(db, poolId).map(found -> found.orElseThrow(() -> IdentityPoolService.notFound(poolId)).tags());
    }

    /** Adds the tags, replacing the values of keys the pool has; more than 50 tags in all: {@code InvalidParameterException}. */
    public Uni<Void> tag(String resourceArn, Map<String, String> tags) {
        return change(resourceArn, current -> current.putAll(tags));
    }

    /** Removes the keys; keys the pool does not have change nothing. */
    public Uni<Void> untag(String resourceArn, Collection<String> keys) {
        return change(resourceArn, current -> current.keySet().removeAll(keys));
    }

    private Uni<Void> change(String resourceArn, Consumer<Map<String, String>> edit) {
        String poolId = poolId(resourceArn);
        return db.withTransaction(tx -> pools.findForUpdate(tx, poolId)
                .map(found -> found.orElseThrow(() -> IdentityPoolService.notFound(poolId)))
                .chain(pool -> {
                    Map<String, String> tags = new TreeMap<>(pool.tags());
                    edit.accept(tags);
                    if (tags.size() > MAX_TAGS) {
                        throw CognitoException.invalidParameter("An identity pool can have at most " + MAX_TAGS + " tags.");
                    }
                    if (tags.equals(pool.tags())) {
                        return Uni.createFrom().voidItem();
                    }
                    IdentityPool tagged = new IdentityPool(pool.id(), pool.name(), pool.configuration(), tags,
                            pool.creationDate(), pool.lastModifiedDate());
                    CloudEvent event = CloudEvent.of(IdentityPoolEvents.POOL_UPDATED, CloudEvent.identityPoolSource(pool.id()), null,
                            new IdentityPoolEvents.PoolChanged(pool.id(), pool.name()));
                    return pools.update(tx, tagged).chain(() -> Outbox.append(tx, Topics.IDENTITY_EVENTS, pool.id(), event));
                }));
    }

    /**
     * The pool id of an identity pool ARN. Not an identity pool ARN: {@code InvalidParameterException}; one of another
     * region or account names no pool here: {@code ResourceNotFoundException}.
     */
    private String poolId(String resourceArn) {
        Matcher arn = POOL_ARN.matcher(resourceArn);
        if (!arn.matches() || !IdentityPoolIds.PATTERN.matcher(arn.group(3)).matches()) {
            throw CognitoException.invalidParameter("Invalid ARN: '" + resourceArn + "' is not an identity pool ARN.");
        }
        if (!arn.group(1).equals(config.region()) || !arn.group(2).equals(config.accountId())) {
            throw IdentityPoolService.notFound(arn.group(3));
        }
        return arn.group(3);
    }
}
