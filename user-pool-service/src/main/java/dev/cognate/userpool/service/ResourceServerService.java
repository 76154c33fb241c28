package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.ResourceServer;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.oidc.DiscoveryDocuments;
import dev.cognate.userpool.repository.ResourceServerRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Resource servers and their custom scopes; each change commits with its event (outbox). */
@ApplicationScoped
public class ResourceServerService {

    private final Pool db;
    private final UserPoolRepository pools;
    private final ResourceServerRepository servers;
    private final DiscoveryDocuments discovery;

    public ResourceServerService(Pool db, UserPoolRepository pools, ResourceServerRepository servers, DiscoveryDocuments discovery) {
        this.discovery = discovery;
        this.db = db;
        this.pools = pools;
        this.servers = servers;
    }

    public Uni<ResourceServer> createResourceServer(ResourceServer server) {
        return db.withTransaction(tx -> pools.require(tx, server.userPoolId())
                .chain(() -> servers.insert(tx, server))
                .invoke(inserted -> {
                    if (!inserted) {
                        throw CognitoException.invalidParameter(server.identifier() + " already exists in pool " + server.userPoolId() + ".");
                    }
                })
                .chain(() -> publish(tx, UserPoolEvents.RESOURCE_SERVER_CREATED, server))
                .replaceWith(server))
                .invoke(() -> discovery.invalidate(server.userPoolId()));
    }

    public Uni<ResourceServer> describeResourceServer(String userPoolId, String identifier) {
        return pools.require(db, userPoolId)
                .chain(() -> servers.find(db, userPoolId, identifier))
                .map(found -> found.orElseThrow(() -> notFound(userPoolId, identifier)));
    }

    public Uni<ResourceServer> updateResourceServer(ResourceServer server) {
        return db.withTransaction(tx -> pools.require(tx, server.userPoolId())
                .chain(() -> servers.update(tx, server))
                .invoke(updated -> {
                    if (!updated) {
                        throw notFound(server.userPoolId(), server.identifier());
                    }
                })
                .chain(() -> publish(tx, UserPoolEvents.RESOURCE_SERVER_UPDATED, server))
                .replaceWith(server))
                .invoke(() -> discovery.invalidate(server.userPoolId()));
    }

    public Uni<Void> deleteResourceServer(String userPoolId, String identifier) {
        ResourceServer deleted = new ResourceServer(userPoolId, identifier, null, List.of());
        return db.withTransaction(tx -> pools.require(tx, userPoolId)
                .chain(() -> servers.delete(tx, userPoolId, identifier))
                .invoke(found -> {
                    if (!found) {
                        throw notFound(userPoolId, identifier);
                    }
                })
                .chain(() -> publish(tx, UserPoolEvents.RESOURCE_SERVER_DELETED, deleted)))
                .invoke(() -> discovery.invalidate(userPoolId));
    }

    /** A page in identifier order after {@code afterIdentifier}, with one extra row when more follow. */
    public Uni<List<ResourceServer>> listResourceServers(String userPoolId, String afterIdentifier, int limit) {
        return pools.require(db, userPoolId).chain(() -> servers.page(db, userPoolId, afterIdentifier, limit + 1));
    }


    private static Uni<Void> publish(SqlClient tx, EventType<UserPoolEvents.ResourceServerChanged> type, ResourceServer server) {
        return UserPoolEventOutbox.publish(tx, server.userPoolId(), type,
                new UserPoolEvents.ResourceServerChanged(server.userPoolId(), server.identifier()));
    }

    public static CognitoException notFound(String userPoolId, String identifier) {
        return CognitoException.resourceNotFound("Resource server " + identifier + " does not exist in pool " + userPoolId + ".");
    }
}
