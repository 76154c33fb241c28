package dev.cognate.userpool.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.config.FederationConfig;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.federation.egress.ProviderEgress;
import dev.cognate.userpool.repository.AppClientRepository;
import dev.cognate.userpool.repository.IdentityProviderRepository;
import dev.cognate.userpool.repository.IdentityProviderRepository.Stored;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.SettingsCache;
import dev.cognate.userpool.validation.ProviderDetailsRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Federated identity providers of a pool. Creating and updating lock the pool's row, so provider names and
 * IdpIdentifiers stay unique in the pool under concurrent calls. Secret details are sealed with
 * {@link SecretCipher} before they reach the database and never put in an event. Each change commits with its
 * event (outbox).
 */
@ApplicationScoped
public class IdentityProviderService {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Besides the pool's attributes, a provider attribute may map to the user name. */
    private static final Set<String> MAPPABLE_BESIDES_ATTRIBUTES = Set.of("username");

    private final Pool db;
    private final UserPoolRepository pools;
    private final IdentityProviderRepository providers;
    private final AppClientRepository clients;
    private final SecretCipher cipher;
    private final Clock clock;
    private final boolean allowLoopbackHttp;
    private final ProviderEgress egress;

    /** Dropped after every committed change of a pool or its clients (repository/SettingsCache). */
    private final SettingsCache settingsCache;

    public IdentityProviderService(Pool db, UserPoolRepository pools, IdentityProviderRepository providers,
                                   AppClientRepository clients, SecretCipher cipher, Clock clock, FederationConfig federation,
                                   ProviderEgress egress, SettingsCache settingsCache) {
        this.egress = egress;
        this.settingsCache = settingsCache;
        this.db = db;
        this.pools = pools;
        this.providers = providers;
        this.clients = clients;
        this.cipher = cipher;
        this.clock = clock;
        this.allowLoopbackHttp = federation.allowLoopbackHttp();
    }

    public Uni<IdentityProvider> createIdentityProvider(String userPoolId, String name, String type, Map<String, String> details,
                                                        Map<String, String> attributeMapping, List<String> idpIdentifiers) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IdentityProvider provider = new IdentityProvider(userPoolId, name, type, IdentityProvider.withoutReadOnly(type, details), attributeMapping,
                idpIdentifiers, now, now)
                .withDefaultUsernameMapping();
        ProviderDetailsRules.check(type, provider.providerDetails(), allowLoopbackHttp);
        egress.checkDetails(provider.providerDetails());
        return db.withTransaction(tx -> pools.requireForUpdate(tx, userPoolId)
                .invoke(pool -> checkAttributeMapping(pool, provider))
                .chain(pool -> providers.find(tx, userPoolId, name))
                .invoke(existing -> {
                    if (existing.isPresent()) {
                        throw new CognitoException("DuplicateProviderException", "A provider with the name " + name + " already exists in this user pool.");
                    }
                })
                .chain(() -> checkIdentifiers(tx, provider))
                .chain(() -> providers.insert(tx, seal(provider)))
                .chain(() -> publish(tx, UserPoolEvents.IDENTITY_PROVIDER_CREATED, provider))
                .replaceWith(provider));
    }

    public Uni<IdentityProvider> describeIdentityProvider(String userPoolId, String name) {
        return pools.require(db, userPoolId)
                .chain(pool -> providers.find(db, userPoolId, name))
                .map(found -> open(found.orElseThrow(() -> notFound(name))).withDefaultUsernameMapping());
    }

    public Uni<IdentityProvider> getIdentityProviderByIdentifier(String userPoolId, String identifier) {
        return pools.require(db, userPoolId)
                .chain(pool -> providers.findByIdentifier(db, userPoolId, identifier))
                .map(found -> open(found.orElseThrow(() -> CognitoException.resourceNotFound(
                        "Identity provider with identifier " + identifier + " does not exist."))).withDefaultUsernameMapping());
    }

    /** Each member given replaces the stored one; ProviderDetails are checked again against the provider's type. */
    public Uni<IdentityProvider> updateIdentityProvider(String userPoolId, String name, Map<String, String> details,
                                                        Map<String, String> attributeMapping, List<String> idpIdentifiers) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, userPoolId)
                .chain(pool -> providers.find(tx, userPoolId, name)
                        .map(found -> open(found.orElseThrow(() -> notFound(name)))
                                .updatedWith(details, attributeMapping, idpIdentifiers, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                                .withDefaultUsernameMapping())
                        .invoke(updated -> {
                            ProviderDetailsRules.check(updated.providerType(), updated.providerDetails(), allowLoopbackHttp);
                            egress.checkDetails(updated.providerDetails());
                            checkAttributeMapping(pool, updated);
                        }))
                .call(updated -> checkIdentifiers(tx, updated))
                .call(updated -> providers.update(tx, seal(updated)))
                .call(updated -> publish(tx, UserPoolEvents.IDENTITY_PROVIDER_UPDATED, updated)));
    }

    /**
     * Deletes the provider and takes it out of the SupportedIdentityProviders of the pool's clients, so no client
     * names a provider that no longer exists (each such client gets a client.updated event).
     */
    public Uni<Void> deleteIdentityProvider(String userPoolId, String name) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, userPoolId)
                .chain(pool -> providers.find(tx, userPoolId, name))
                .map(found -> found.orElseThrow(() -> notFound(name)).provider())
                .call(provider -> providers.delete(tx, userPoolId, name))
                .call(provider -> clients.supportingProviderForUpdate(tx, userPoolId, name)
                        .chain(using -> withoutProvider(tx, using, name)))
                .call(provider -> publish(tx, UserPoolEvents.IDENTITY_PROVIDER_DELETED, provider))
                .replaceWithVoid())
                // the clients that named it changed (SupportedIdentityProviders)
                .call(() -> settingsCache.poolChanged(userPoolId));
    }

    /** A page in name order after {@code afterName}, with one extra row when more follow. */
    public Uni<List<IdentityProvider>> listIdentityProviders(String userPoolId, String afterName, int limit) {
        return pools.require(db, userPoolId).chain(pool -> providers.page(db, userPoolId, afterName, limit + 1));
    }

    private Uni<Void> checkIdentifiers(SqlClient tx, IdentityProvider provider) {
        if (provider.idpIdentifiers().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return providers.identifiersTaken(tx, provider.userPoolId(), provider.providerName(), provider.idpIdentifiers())
                .invoke(taken -> {
                    if (!taken.isEmpty()) {
                        throw new CognitoException("DuplicateProviderException",
                                "The identifier " + taken.get(0) + " is already used by another provider of this user pool.");
                    }
                })
                .replaceWithVoid();
    }

    private static void checkAttributeMapping(UserPool pool, IdentityProvider provider) {
        Map<String, String> mapping = provider.attributeMapping();
        Set<String> attributes = AppClientService.attributesOf(pool);
        mapping.keySet().stream()
                .filter(key -> !attributes.contains(key) && !MAPPABLE_BESIDES_ATTRIBUTES.contains(key))
                .sorted().findFirst().ifPresent(key -> {
                    throw CognitoException.invalidParameter("Attribute mapping key " + key + " is not an attribute of the user pool.");
                });
        // Cognito names federated users by one fixed provider attribute per type (the developer guide's table): the
        // username mapping can only name it, so no mapping is accepted that Cognate would not apply
        String username = mapping.get(IdentityProvider.USERNAME_MAPPING);
        if (username != null) {
            String source = provider.usernameSource().orElseThrow(() -> CognitoException.invalidParameter(
                    "Attribute mapping key username cannot be set for a SAML identity provider: its users are named by their NameID."));
            if (!source.equals(username)) {
                throw CognitoException.invalidParameter("Attribute mapping key username of a " + provider.providerType()
                        + " identity provider must map " + source + ": its users are named by that attribute.");
            }
        }
    }

    private Uni<Void> withoutProvider(SqlClient tx, List<AppClient> using, String name) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (AppClient client : using) {
            ObjectNode settings = client.settings().deepCopy();
            ArrayNode remaining = settings.putArray("SupportedIdentityProviders");
            client.config().supportedIdentityProviders().stream().filter(provider -> !provider.equals(name)).forEach(remaining::add);
            AppClient changed = new AppClient(client.clientId(), client.userPoolId(), client.clientName(), settings, client.creationDate(), now);
            chain = chain.call(() -> clients.update(tx, changed))
                    .call(() -> UserPoolEventOutbox.publish(tx, changed.userPoolId(), UserPoolEvents.CLIENT_UPDATED,
                            new UserPoolEvents.ClientChanged(changed.userPoolId(), changed.clientId(), changed.clientName())));
        }
        return chain;
    }

    Stored seal(IdentityProvider provider) {
        Map<String, String> open = new HashMap<>();
        Map<String, String> secret = new HashMap<>();
        provider.providerDetails().forEach((key, value) -> (IdentityProvider.SECRET_DETAILS.contains(key) ? secret : open).put(key, value));
        IdentityProvider withoutSecrets = new IdentityProvider(provider.userPoolId(), provider.providerName(), provider.providerType(),
                open, provider.attributeMapping(), provider.idpIdentifiers(), provider.creationDate(), provider.lastModifiedDate());
        if (secret.isEmpty()) {
            return new Stored(withoutSecrets, null);
        }
        try {
            return new Stored(withoutSecrets, cipher.encrypt(JSON.writeValueAsString(secret),
                    IdentityProvider.cipherContext(provider.userPoolId(), provider.providerName())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    IdentityProvider open(Stored stored) {
        IdentityProvider provider = stored.provider();
        if (stored.sealedDetails() == null) {
            return provider;
        }
        Map<String, String> details = new HashMap<>(provider.providerDetails());
        try {
            details.putAll(JSON.readValue(cipher.decrypt(stored.sealedDetails(),
                    IdentityProvider.cipherContext(provider.userPoolId(), provider.providerName())), new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new IdentityProvider(provider.userPoolId(), provider.providerName(), provider.providerType(), details,
                provider.attributeMapping(), provider.idpIdentifiers(), provider.creationDate(), provider.lastModifiedDate());
    }

    public static CognitoException notFound(String name) {
        return CognitoException.resourceNotFound("Identity provider " + name + " does not exist.");
    }

    private static Uni<Void> publish(SqlClient tx, EventType<UserPoolEvents.IdentityProviderChanged> type, IdentityProvider provider) {
        return UserPoolEventOutbox.publish(tx, provider.userPoolId(), type,
                new UserPoolEvents.IdentityProviderChanged(provider.userPoolId(), provider.providerName(), provider.providerType()));
    }
}
