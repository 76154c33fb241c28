package dev.cognate.hostedui.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Optional;

/**
 * JSON values in Redis under {@code <prefix><sha256 of a random id>} for a short time, each taken at most once
 * ({@code GETDEL}, so two concurrent callbacks cannot both use one). Both directions fail closed: a value that cannot be
 * stored or read fails with {@link SessionStoreUnavailableException} (the 503 page), never as "absent".
 */
final class SingleUseValues<T> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReactiveValueCommands<String, String> values;
    private final String prefix;
    private final Class<T> type;
    private final Duration storeTimeout;

    SingleUseValues(ReactiveRedisDataSource redis, String prefix, Class<T> type, Duration storeTimeout) {
        this.values = redis.value(String.class, String.class);
        this.prefix = prefix;
        this.type = type;
        this.storeTimeout = storeTimeout;
    }

    /** Stores {@code value} for {@code ttl} and answers its new id (256 random bits). */
    Uni<String> put(T value, Duration ttl) {
        String id = SecretIds.newId();
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return values.setex(prefix + SecretIds.sha256Hex(id), ttl.toSeconds(), json)
                .ifNoItem().after(storeTimeout).fail()
                .onFailure().transform(failure -> new SessionStoreUnavailableException("cannot store " + type.getSimpleName(), failure))
                .replaceWith(id);
    }

    /** The value of this id, removed; empty when the id is malformed, unknown, expired, already taken or unreadable. */
    Uni<Optional<T>> take(String id) {
        if (!SecretIds.isWellFormed(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.getdel(prefix + SecretIds.sha256Hex(id))
                .ifNoItem().after(storeTimeout).fail()
                .onFailure().transform(failure -> new SessionStoreUnavailableException("cannot read " + type.getSimpleName(), failure))
                .map(json -> {
                    if (json == null) {
                        return Optional.<T>empty();
                    }
                    try {
                        return Optional.of(JSON.readValue(json, type));
                    } catch (JsonProcessingException unreadable) {
                        return Optional.<T>empty();
                    }
                });
    }
}
