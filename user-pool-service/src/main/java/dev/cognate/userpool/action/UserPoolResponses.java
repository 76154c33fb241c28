package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserPoolDomain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The wire shapes of a user pool: {@code UserPoolType} and {@code UserPoolDescriptionType}. */
final class UserPoolResponses {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private UserPoolResponses() {
    }

    static ObjectNode userPoolType(UserPool pool, CognateConfig config) {
        ObjectNode type = JSON.objectNode()
                .put("Id", pool.id())
                .put("Name", pool.name())
                .put("Arn", pool.arn(config.region(), config.accountId()))
                .put("CreationDate", epochSeconds(pool.creationDate()))
                .put("LastModifiedDate", epochSeconds(pool.lastModifiedDate()))
                .put("EstimatedNumberOfUsers", 0);
        type.setAll(pool.settings());
        type.set("SchemaAttributes", PoolSchema.of(pool.settings()).toWire());
        ObjectNode tags = type.putObject("UserPoolTags");
        pool.tags().forEach(tags::put);
        return type;
    }

    /** DescribeUserPool's {@code Domain} (the prefix domain) and {@code CustomDomain}, when the pool has them. */
    static ObjectNode withDomains(ObjectNode type, List<UserPoolDomain> domains) {
        domains.forEach(domain -> type.put(domain.custom() ? "CustomDomain" : "Domain", domain.domain()));
        return type;
    }

    static ObjectNode description(UserPool pool) {
        ObjectNode description = JSON.objectNode()
                .put("Id", pool.id())
                .put("Name", pool.name())
                .put("LastModifiedDate", epochSeconds(pool.lastModifiedDate()))
                .put("CreationDate", epochSeconds(pool.creationDate()));
        description.set("LambdaConfig", pool.config().lambdaConfig());
        return description;
    }

    /** AWS JSON timestamps: epoch seconds as a number, milliseconds as the fraction. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }
}
