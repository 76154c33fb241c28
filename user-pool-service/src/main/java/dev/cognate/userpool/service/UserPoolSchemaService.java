package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pool's schema: AddCustomAttributes appends {@code custom:} attributes to the settings'
 * {@code SchemaAttributes} (which UpdateUserPool keeps), publishing {@code pool.updated}.
 */
@ApplicationScoped
public class UserPoolSchemaService {

    /** Cognito's limit of custom attributes in one user pool. */
    public static final int MAX_CUSTOM_ATTRIBUTES = 50;
    public static final String CUSTOM_PREFIX = "custom:";

    private final Pool db;
    private final UserPoolRepository pools;

    public UserPoolSchemaService(Pool db, UserPoolRepository pools) {
        this.db = db;
        this.pools = pools;
    }

    /** @param attributes validated {@code SchemaAttributeType}s in wire form, already named {@code custom:<name>} */
    public Uni<Void> addCustomAttributes(String poolId, List<ObjectNode> attributes) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, poolId)
                .map(pool -> withAttributes(pool, attributes))
                .call(pool -> pools.update(tx, pool))
                .chain(pool -> UserPoolEventOutbox.publish(tx, poolId, UserPoolEvents.POOL_UPDATED,
                        new UserPoolEvents.PoolChanged(poolId, pool.name()))));
    }

    private static UserPool withAttributes(UserPool pool, List<ObjectNode> attributes) {
        ObjectNode settings = pool.settings().deepCopy();
        JsonNode existing = settings.get("SchemaAttributes");
        ArrayNode schema = existing instanceof ArrayNode array ? array : settings.putArray("SchemaAttributes");
        Set<String> names = new HashSet<>();
        long custom = 0;
        for (JsonNode attribute : schema) {
            String name = attribute.path("Name").asText();
            names.add(name);
            if (name.startsWith(CUSTOM_PREFIX)) {
                custom++;
            }
        }
        for (ObjectNode attribute : attributes) {
            String name = attribute.path("Name").asText();
            if (!names.add(name)) {
                throw CognitoException.invalidParameter("Existing attribute already has name " + name + ".");
            }
        }
        if (custom + attributes.size() > MAX_CUSTOM_ATTRIBUTES) {
            throw CognitoException.invalidParameter("A user pool can have at most " + MAX_CUSTOM_ATTRIBUTES
                    + " custom attributes; it has " + custom + " and the request adds " + attributes.size() + ".");
        }
        attributes.forEach(schema::add);
        return new UserPool(pool.id(), pool.name(), settings, pool.tags(), pool.creationDate(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
