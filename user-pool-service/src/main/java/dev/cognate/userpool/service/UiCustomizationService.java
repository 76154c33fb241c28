package dev.cognate.userpool.service;

import dev.cognate.userpool.domain.UiCustomization;
import dev.cognate.userpool.repository.AppClientRepository;
import dev.cognate.userpool.repository.UiCustomizationRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Hosted login branding (SetUICustomization / GetUICustomization) per level: the pool default
 * ({@link UiCustomization#ALL}) or one app client, which falls back to the pool default when it has none.
 * Written here because the IdP API writes it; hosted-ui-service reads it through the internal API.
 */
@ApplicationScoped
public class UiCustomizationService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool db;
    private final UserPoolRepository pools;
    private final AppClientRepository clients;
    private final UiCustomizationRepository customizations;
    private final Clock clock;

    public UiCustomizationService(Pool db, UserPoolRepository pools, AppClientRepository clients, UiCustomizationRepository customizations, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.clients = clients;
        this.customizations = customizations;
        this.clock = clock;
    }

    /**
     * Replaces the level's CSS and logo together (as Cognito: they are not set separately) under a new
     * {@code CSSVersion}; neither given removes the level's customization, and the answer is the empty level.
     */
    public Uni<UiCustomization> setUiCustomization(String userPoolId, String clientId, String css, byte[] image, String imageContentType) {
        return db.withTransaction(tx -> requireLevel(tx, userPoolId, clientId).chain(() -> {
            if (css == null && image == null) {
                return customizations.delete(tx, userPoolId, clientId).replaceWith(empty(userPoolId, clientId));
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            return customizations.upsert(tx, new UiCustomization(userPoolId, clientId, css, newVersion(), image, imageContentType, now, now));
        }));
    }

    /** The client's own customization, else the pool default, else the empty level that was asked for. */
    public Uni<UiCustomization> getUiCustomization(String userPoolId, String clientId) {
        return requireLevel(db, userPoolId, clientId)
                .chain(() -> customizations.effective(db, userPoolId, clientId))
                .map(found -> found.orElseGet(() -> empty(userPoolId, clientId)));
    }

    /** What the pages of an app client show (its own customization, else its pool's default); empty for an unknown client. */
    public Uni<Optional<UiCustomization>> effectiveForClient(String clientId) {
        return clients.findById(db, clientId).chain(client -> client.isEmpty()
                ? Uni.createFrom().item(Optional.<UiCustomization>empty())
                : customizations.effective(db, client.get().userPoolId(), clientId));
    }

    /** One level's own customization, without falling back (the logo of an {@code ImageUrl}). */
    public Uni<Optional<UiCustomization>> level(String userPoolId, String clientId) {
        return customizations.find(db, userPoolId, clientId);
    }

    /** The pool must exist, and a client level must be an app client of that pool. */
    private Uni<Void> requireLevel(SqlClient sql, String userPoolId, String clientId) {
        Uni<Void> pool = pools.require(sql, userPoolId).replaceWithVoid();
        if (UiCustomization.ALL.equals(clientId)) {
            return pool;
        }
        return pool.chain(() -> clients.find(sql, userPoolId, clientId))
                .invoke(client -> client.orElseThrow(() -> AppClientService.notFound(clientId)))
                .replaceWithVoid();
    }

    private static UiCustomization empty(String userPoolId, String clientId) {
        return new UiCustomization(userPoolId, clientId, null, null, null, null, null, null);
    }

    /** An opaque version: new on every change, so URLs carrying it can be cached forever. */
    private static String newVersion() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
