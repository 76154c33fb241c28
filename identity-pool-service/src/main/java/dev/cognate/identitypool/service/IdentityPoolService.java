package dev.cognate.identitypool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventType;
import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.events.Topics;
import dev.cognate.outbox.Outbox;
import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.IdentityPoolConfiguration;
import dev.cognate.identitypool.domain.IdentityPoolIds;
import dev.cognate.identitypool.domain.IdentityPoolRoles;
import dev.cognate.identitypool.repository.IdentityPoolRepository;
import dev.cognate.identitypool.repository.IdentityPoolRolesRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Identity pool lifecycle. Every change and its event commit in one transaction (the outbox), so an
 * event is published if and only if its change happened.
 */
@ApplicationScoped
public class IdentityPoolService {

    private final Pool db;
    private final IdentityPoolRepository pools;
    private final IdentityPoolRolesRepository roles;
    private final CognateConfig config;

    public IdentityPoolService(Pool db, IdentityPoolRepository pools, IdentityPoolRolesRepository roles, CognateConfig config) {
        this.db = db;
        this.pools = pools;
        this.roles = roles;
        this.config = config;
    }

    public Uni<IdentityPool> createIdentityPool(String name, IdentityPoolConfiguration configuration, Map<String, String> tags) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IdentityPool pool = new IdentityPool(IdentityPoolIds.newId(config.region()), name, configuration,
                tags == null ? Map.of() : tags, now, now);
        return db.withTransaction(tx -> pools.insert(tx, pool)
                .chain(() -> publish(tx, IdentityPoolEvents.POOL_CREATED, pool))
                .replaceWith(pool));
    }

    public Uni<IdentityPool> describeIdentityPool(String id) {
        return pools.find(db, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /**
     * Replaces the pool's name and configuration, as UpdateIdentityPool does: members the request
     * leaves out return to their defaults, except the developer provider name, which Cognito fixes
     * once set, and the tags, which are kept unless given ({@code tags == null}).
     */
    public Uni<IdentityPool> updateIdentityPool(String id, String name, IdentityPoolConfiguration requested, Map<String, String> tags) {
        return db.withTransaction(tx -> pools.findForUpdate(tx, id)
                .map(found -> found.orElseThrow(() -> notFound(id)))
                .map(current -> updated(current, name, requested, tags))
                .call(pool -> pools.update(tx, pool))
                .call(pool -> publish(tx, IdentityPoolEvents.POOL_UPDATED, pool)));
    }

    public Uni<Void> deleteIdentityPool(String id) {
        return db.withTransaction(tx -> pools.findForUpdate(tx, id)
                .map(found -> found.orElseThrow(() -> notFound(id)))
                .call(pool -> pools.delete(tx, id))
                .call(pool -> publish(tx, IdentityPoolEvents.POOL_DELETED, pool))
                .replaceWithVoid());
    }

    /** SetIdentityPoolRoles: replaces the pool's roles and role mappings; published as a pool update. */
    public Uni<Void> setRoles(String id, IdentityPoolRoles newRoles) {
        return db.withTransaction(tx -> pools.findForUpdate(tx, id)
                .map(found -> found.orElseThrow(() -> notFound(id)))
                .call(pool -> roles.upsert(tx, id, newRoles))
                .call(pool -> publish(tx, IdentityPoolEvents.POOL_UPDATED, pool))
                .replaceWithVoid());
    }

    public Uni<IdentityPoolRoles> getRoles(String id) {
        return describeIdentityPool(id).chain(pool -> roles.find(db, id));
    }

    /** A page of pools in id order after {@code afterId}, with one extra row when more follow. */
    public Uni<List<IdentityPool>> listIdentityPools(String afterId, int limit) {
        return pools.page(db, afterId, limit + 1);
    }

    private static IdentityPool updated(IdentityPool current, String name, IdentityPoolConfiguration requested, Map<String, String> tags) {
        String fixedDeveloperProvider = current.configuration().developerProviderName();
        String developerProvider = requested.developerProviderName();
        if (fixedDeveloperProvider != null && developerProvider != null && !fixedDeveloperProvider.equals(developerProvider)) {
            throw CognitoException.invalidParameter("Cannot change DeveloperProviderName once it is set (it is '"
                    + fixedDeveloperProvider + "').");
        }
        IdentityPoolConfiguration configuration = new IdentityPoolConfiguration(
                requested.allowUnauthenticatedIdentities(), requested.allowClassicFlow(), requested.supportedLoginProviders(),
                fixedDeveloperProvider != null ? fixedDeveloperProvider : developerProvider,
                requested.openIdConnectProviderARNs(), requested.cognitoIdentityProviders(), requested.samlProviderARNs());
        return new IdentityPool(current.id(), name, configuration, tags == null ? current.tags() : tags,
                current.creationDate(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static Uni<Void> publish(SqlClient tx, EventType<IdentityPoolEvents.PoolChanged> type, IdentityPool pool) {
        CloudEvent event = CloudEvent.of(type, CloudEvent.identityPoolSource(pool.id()), null,
                new IdentityPoolEvents.PoolChanged(pool.id(), pool.name()));
        return Outbox.append(tx, Topics.IDENTITY_EVENTS, pool.id(), event);
    }

    public static CognitoException notFound(String id) {
        return CognitoException.resourceNotFound("IdentityPool '" + id + "' not found.");
    }
}
