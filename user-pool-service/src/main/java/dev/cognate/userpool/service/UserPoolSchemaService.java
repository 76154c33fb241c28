package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.SchemaMigrationRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.SettingsCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A pool's schema: AddCustomAttributes appends {@code custom:} attributes to the settings'
 * {@code SchemaAttributes} (which UpdateUserPool keeps), publishing {@code pool.updated}; beyond Cognito,
 * UpdateUserPoolSchema changes and removes attributes, publishing {@code pool.schema.updated}.
 */
@ApplicationScoped
public class UserPoolSchemaService {

    private final Pool db;
    private final UserPoolRepository pools;
    private final SchemaMigrationRepository migrations;
    private final Clock clock;

    /** Dropped after every committed change of a pool or its clients (repository/SettingsCache). */
    private final SettingsCache settingsCache;

    public UserPoolSchemaService(Pool db, UserPoolRepository pools, SchemaMigrationRepository migrations, Clock clock,
                                 SettingsCache settingsCache) {
        this.settingsCache = settingsCache;
        this.db = db;
        this.pools = pools;
        this.migrations = migrations;
        this.clock = clock;
    }

    /** @param attributes validated custom attributes, already named {@code custom:<name>} */
    public Uni<Void> addCustomAttributes(String poolId, List<AttributeDefinition> attributes) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, poolId)
                .map(pool -> withSchema(pool, PoolSchema.of(pool.settings()).withCustomAttributes(attributes)))
                .call(pool -> pools.update(tx, pool))
                .chain(pool -> UserPoolEventOutbox.publish(tx, poolId, UserPoolEvents.POOL_UPDATED,
                        new UserPoolEvents.PoolChanged(poolId, pool.name()))))
                .call(() -> settingsCache.poolChanged(poolId));
    }

    /** What UpdateUserPoolSchema did: the schema now, and how many users lost a removed attribute. */
    public record SchemaUpdate(PoolSchema schema, long usersChanged) {
    }

    /**
     * Beyond Cognito: changes attributes and removes custom ones, in one transaction with the users' data.
     * A change that existing users' values would break (a newly required attribute some users lack, a
     * constraint their values fall outside) is refused with how many users stand in the way; removing an
     * attribute that app clients read or write, or identity providers map to, is refused naming them.
     */
    public Uni<SchemaUpdate> updateSchema(String poolId, List<JsonNode> changes, List<String> removals) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, poolId).chain(pool -> {
            PoolSchema before = PoolSchema.of(pool.settings());
            PoolSchema after = before;
            for (JsonNode change : changes) {
                after = after.withAttributeChanged(change);
            }
            for (String removed : removals) {
                after = after.without(removed);
            }
            PoolSchema schema = after;
            Uni<Void> checks = Uni.createFrom().voidItem();
            for (JsonNode change : changes) {
                AttributeDefinition was = before.find(change.path("Name").asText()).orElseThrow();
                AttributeDefinition now = schema.find(was.name()).orElseThrow();
                checks = checks.chain(() -> checkUsersFit(tx, poolId, was, now));
            }
            for (String removed : removals) {
                checks = checks.chain(() -> migrations.referencesTo(tx, poolId, removed).invoke(references -> {
                    if (!references.isEmpty()) {
                        throw CognitoException.invalidParameter(removed + " is still used by " + String.join(", ", references)
                                + "; remove it there first.");
                    }
                }).replaceWithVoid());
            }
            Uni<Long> removedFromUsers = checks.replaceWith(0L);
            for (String removed : removals) {
                removedFromUsers = removedFromUsers.chain(total -> migrations.removeFromUsers(tx, poolId, removed).map(count -> total + count));
            }
            return removedFromUsers.chain(usersChanged -> pools.update(tx, withSchema(pool, schema))
                    .chain(() -> UserPoolEventOutbox.publish(tx, poolId, UserPoolEvents.POOL_SCHEMA_UPDATED, new UserPoolEvents.SchemaChanged(
                            poolId, changes.stream().map(change -> change.path("Name").asText()).toList(), removals, usersChanged)))
                    .replaceWith(new SchemaUpdate(schema, usersChanged)));
        })).call(() -> settingsCache.poolChanged(poolId));
    }

    private Uni<Void> checkUsersFit(SqlClient tx, String poolId, AttributeDefinition was, AttributeDefinition now) {
        Uni<Long> lacking = now.required() && !was.required() ? migrations.usersWithout(tx, poolId, now.name()) : Uni.createFrom().item(0L);
        return lacking
                .invoke(count -> refuseIfAny(count, "Cannot make " + now.name() + " required: " + count + " users have no value for it."))
                .chain(() -> usersOutsideNewConstraints(tx, poolId, was, now))
                .invoke(count -> refuseIfAny(count, "Cannot change the constraints of " + now.name() + ": " + count
                        + " users have values outside them."))
                .replaceWithVoid();
    }

    private Uni<Long> usersOutsideNewConstraints(SqlClient tx, String poolId, AttributeDefinition was, AttributeDefinition now) {
        boolean lengthsChanged = !Objects.equals(was.minLength(), now.minLength()) || !Objects.equals(was.maxLength(), now.maxLength());
        boolean rangeChanged = !Objects.equals(was.minValue(), now.minValue()) || !Objects.equals(was.maxValue(), now.maxValue());
        if ("String".equals(now.dataType()) && lengthsChanged) {
            return migrations.usersOutsideLength(tx, poolId, now.name(), now.minLength() == null ? 0 : now.minLength(),
                    now.maxLength() == null ? PoolSchema.MAX_STRING_LENGTH : now.maxLength());
        }
        if ("Number".equals(now.dataType()) && rangeChanged) {
            return migrations.usersOutsideRange(tx, poolId, now.name(), now.minValue(), now.maxValue());
        }
        return Uni.createFrom().item(0L);
    }

    private static void refuseIfAny(long count, String message) {
        if (count > 0) {
            throw CognitoException.invalidParameter(message);
        }
    }

    private UserPool withSchema(UserPool pool, PoolSchema schema) {
        ObjectNode settings = pool.settings().deepCopy();
        settings.set("SchemaAttributes", schema.toWire());
        return new UserPool(pool.id(), pool.name(), settings, pool.tags(), pool.creationDate(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
