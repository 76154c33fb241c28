package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A pool's schema: AddCustomAttributes appends {@code custom:} attributes to the settings'
 * {@code SchemaAttributes} (which UpdateUserPool keeps), publishing {@code pool.updated}.
 */
@ApplicationScoped
public class UserPoolSchemaService {

    private final Pool db;
    private final UserPoolRepository pools;

    public UserPoolSchemaService(Pool db, UserPoolRepository pools) {
        this.db = db;
        this.pools = pools;
    }

    /** @param attributes validated custom attributes, already named {@code custom:<name>} */
    public Uni<Void> addCustomAttributes(String poolId, List<AttributeDefinition> attributes) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, poolId)
                .map(pool -> withSchema(pool, PoolSchema.of(pool.settings()).withCustomAttributes(attributes)))
                .call(pool -> pools.update(tx, pool))
                .chain(pool -> UserPoolEventOutbox.publish(tx, poolId, UserPoolEvents.POOL_UPDATED,
                        new UserPoolEvents.PoolChanged(poolId, pool.name()))));
    }

    static UserPool withSchema(UserPool pool, PoolSchema schema) {
        ObjectNode settings = pool.settings().deepCopy();
        settings.set("SchemaAttributes", schema.toWire());
        return new UserPool(pool.id(), pool.name(), settings, pool.tags(), pool.creationDate(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
