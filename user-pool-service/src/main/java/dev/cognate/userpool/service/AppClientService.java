package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.domain.AppClientIds;
import dev.cognate.userpool.domain.ClientSecret;
import dev.cognate.userpool.domain.ClientSettings;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.AppClientRepository.SealedSecret;
import dev.cognate.userpool.repository.AppClientRepository;
import dev.cognate.userpool.repository.IdentityProviderRepository;
import dev.cognate.userpool.repository.ResourceServerRepository;
import dev.cognate.userpool.repository.SettingsCache;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * App clients of a pool. The rules that need the pool are checked here (custom scopes exist, attributes
 * are the pool's, client_credentials only with a secret); secrets are generated here, sealed with
 * {@link SecretCipher} before they reach the database, and never put in an event. Creating and updating lock
 * the pool's row, as deleting an identity provider does, so a client cannot name a provider deleted meanwhile.
 */
@ApplicationScoped
public class AppClientService {

    /** Scopes every client may be given without a resource server. */
    public static final Set<String> STANDARD_SCOPES = Set.of("phone", "email", "openid", "profile", "aws.cognito.signin.user.admin");

    /** A client with the secret Create and Describe return (the oldest of its secrets), if it has one. */
    public record ClientView(AppClient client, Optional<String> secret) {
    }

    private final Pool db;
    private final UserPoolRepository pools;
    private final AppClientRepository clients;
    private final ResourceServerRepository resourceServers;
    private final IdentityProviderRepository identityProviders;
    private final SecretCipher cipher;
    private final Clock clock;
    private final SettingsCache settings;

    public AppClientService(Pool db, UserPoolRepository pools, AppClientRepository clients,
                            ResourceServerRepository resourceServers, IdentityProviderRepository identityProviders, SecretCipher cipher, Clock clock,
                            SettingsCache settings) {
        this.settings = settings;
        this.db = db;
        this.pools = pools;
        this.clients = clients;
        this.resourceServers = resourceServers;
        this.identityProviders = identityProviders;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Uni<ClientView> createUserPoolClient(String userPoolId, String clientName, ObjectNode settings, boolean generateSecret) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AppClient client = new AppClient(AppClientIds.newClientId(), userPoolId, clientName, settings, now, now);
        Optional<ClientSecret> secret = generateSecret ? Optional.of(newSecret(client.clientId(), now)) : Optional.empty();
        return db.withTransaction(tx -> pools.requireForUpdate(tx, userPoolId)
                .call(pool -> checkAgainstPool(tx, pool, settings, generateSecret, "creating"))
                .chain(() -> clients.insert(tx, client))
                .chain(() -> secret.isEmpty() ? Uni.createFrom().voidItem() : clients.insertSecret(tx, seal(secret.get())))
                .chain(() -> publish(tx, UserPoolEvents.CLIENT_CREATED, client))
                .replaceWith(new ClientView(client, secret.map(ClientSecret::value))));
    }

    public Uni<ClientView> describeUserPoolClient(String userPoolId, String clientId) {
        return pools.require(db, userPoolId)
                .chain(() -> clients.find(db, userPoolId, clientId))
                .map(found -> found.orElseThrow(() -> notFound(clientId)))
                .chain(client -> clients.secrets(db, clientId)
                        .map(secrets -> new ClientView(client, secrets.stream().findFirst().map(this::open).map(ClientSecret::value))));
    }

    /** Replaces the whole configuration (omitted settings return to defaults, as Cognito); the name is kept when omitted. */
    public Uni<ClientView> updateUserPoolClient(String userPoolId, String clientId, String clientName, ObjectNode settings) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, userPoolId)
                .chain(pool -> clients.findForUpdate(tx, userPoolId, clientId)
                        .map(found -> found.orElseThrow(() -> notFound(clientId)))
                        .chain(current -> clients.secrets(tx, clientId)
                                .call(secrets -> checkAgainstPool(tx, pool, settings, !secrets.isEmpty(), "updating"))
                                .map(secrets -> new ClientView(new AppClient(clientId, userPoolId,
                                        clientName == null ? current.clientName() : clientName, settings, current.creationDate(),
                                        clock.instant().truncatedTo(ChronoUnit.MILLIS)),
                                        secrets.stream().findFirst().map(this::open).map(ClientSecret::value)))))
                .call(view -> clients.update(tx, view.client()))
                .call(view -> publish(tx, UserPoolEvents.CLIENT_UPDATED, view.client())))
                .call(() -> this.settings.clientChanged(clientId));
    }

    public Uni<Void> deleteUserPoolClient(String userPoolId, String clientId) {
        return db.withTransaction(tx -> pools.require(tx, userPoolId)
                .chain(() -> clients.findForUpdate(tx, userPoolId, clientId))
                .map(found -> found.orElseThrow(() -> notFound(clientId)))
                .call(client -> clients.delete(tx, clientId))
                .call(client -> publish(tx, UserPoolEvents.CLIENT_DELETED, client))
                .replaceWithVoid())
                .call(() -> settings.clientChanged(clientId));
    }

    /**
     * AddUserPoolClientSecret: a second secret for rotation, generated unless the caller gives one. Only for
     * confidential clients (created with a secret), at most {@link ClientSecret#MAX_PER_CLIENT}.
     */
    public Uni<ClientSecret> addUserPoolClientSecret(String userPoolId, String clientId, Optional<String> given) {
        return db.withTransaction(tx -> pools.require(tx, userPoolId)
                .chain(() -> clients.findForUpdate(tx, userPoolId, clientId))
                .map(found -> found.orElseThrow(() -> notFound(clientId)))
                .chain(client -> clients.secrets(tx, clientId).map(secrets -> {
                    if (secrets.isEmpty()) {
                        throw CognitoException.invalidParameter("Client secrets can only be added to an app client that has a client secret"
                                + " (a confidential client).");
                    }
                    if (secrets.size() >= ClientSecret.MAX_PER_CLIENT) {
                        throw new CognitoException("LimitExceededException", "An app client can have at most "
                                + ClientSecret.MAX_PER_CLIENT + " client secrets. Delete one before adding another.");
                    }
                    Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                    Instant now = secrets.stream().anyMatch(s -> s.secretId().equals(clientId + "--" + created.toEpochMilli()))
                            ? created.plusMillis(1) : created;
                    return new ClientSecret(clientId + "--" + now.toEpochMilli(), clientId, given.orElseGet(AppClientIds::newSecret), now);
                }).call(secret -> clients.insertSecret(tx, seal(secret)))
                        .call(() -> publish(tx, UserPoolEvents.CLIENT_UPDATED, client))))
                .call(() -> settings.clientChanged(clientId));
    }

    /** ListUserPoolClientSecrets: ids and dates only, oldest first. */
    public Uni<List<ClientSecret>> listUserPoolClientSecrets(String userPoolId, String clientId) {
        return pools.require(db, userPoolId)
                .chain(() -> clients.find(db, userPoolId, clientId))
                .map(found -> found.orElseThrow(() -> notFound(clientId)))
                .chain(client -> clients.secrets(db, clientId))
                .map(secrets -> secrets.stream().map(s -> new ClientSecret(s.secretId(), s.clientId(), null, s.creationDate())).toList());
    }

    /** DeleteUserPoolClientSecret; the last secret of a client stays (the client would silently become public). */
    public Uni<Void> deleteUserPoolClientSecret(String userPoolId, String clientId, String secretId) {
        return db.withTransaction(tx -> pools.require(tx, userPoolId)
                .chain(() -> clients.findForUpdate(tx, userPoolId, clientId))
                .map(found -> found.orElseThrow(() -> notFound(clientId)))
                .call(client -> clients.secrets(tx, clientId).invoke(secrets -> {
                    if (secrets.stream().noneMatch(s -> s.secretId().equals(secretId))) {
                        throw CognitoException.resourceNotFound("Client secret " + secretId + " does not exist.");
                    }
                    if (secrets.size() == 1) {
                        throw CognitoException.invalidParameter("The only client secret of an app client cannot be deleted.");
                    }
                }))
                .call(client -> clients.deleteSecret(tx, clientId, secretId))
                .call(client -> publish(tx, UserPoolEvents.CLIENT_UPDATED, client))
                .replaceWithVoid())
                .call(() -> settings.clientChanged(clientId));
    }

    /** A page in client id order after {@code afterId}, with one extra row when more follow. */
    public Uni<List<AppClient>> listUserPoolClients(String userPoolId, String afterId, int limit) {
        return pools.require(db, userPoolId).chain(() -> clients.page(db, userPoolId, afterId, limit + 1));
    }

    /**
     * The client by id alone (sign-in, refresh, the token endpoint, the internal API); no secret. Read through
     * {@link SettingsCache}: at most {@code cognate.cache.settings-ttl} old, at once new after this instance's changes.
     */
    public Uni<Optional<AppClient>> findClient(String clientId) {
        return settings.client(clientId).map(found -> found.map(AppClientRepository.ClientWithSecrets::client));
    }

    /** A client with its pool and whether it has a secret (never the secret itself), for the internal API. */
    public record ClientOfPool(AppClient client, UserPool pool, boolean hasSecret, List<IdentityProvider> identityProviders) {
    }

    /** The client by id alone with its pool, for the internal API; empty when either is unknown. */
    public Uni<Optional<ClientOfPool>> findClientOfPool(String clientId) {
        return clients.findById(db, clientId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<ClientOfPool>empty());
            }
            AppClient client = found.get();
            List<String> supported = client.config().supportedIdentityProviders().stream()
                    .filter(name -> !"COGNITO".equals(name)).toList();
            return pools.find(db, client.userPoolId()).chain(pool -> clients.secrets(db, clientId)
                    .chain(secrets -> supportedProviders(client.userPoolId(), supported)
                            .map(providers -> pool.map(owner -> new ClientOfPool(client, owner, !secrets.isEmpty(), providers)))));
        });
    }

    /** The pool's providers among the client's supported names, in the client's order (a pool has at most a few hundred). */
    private Uni<List<IdentityProvider>> supportedProviders(String userPoolId, List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return identityProviders.page(db, userPoolId, null, 1000).map(all -> names.stream()
                .flatMap(name -> all.stream().filter(provider -> provider.providerName().equals(name)))
                .toList());
    }

    /**
     * The values of a client's secrets (one or two while rotating), opened; empty for a public client (and for an unknown
     * one: callers found the client first). Read through {@link SettingsCache}, as {@link #findClient}.
     */
    public Uni<List<String>> secretValues(String clientId) {
        return settings.client(clientId).map(found -> found.map(this::secretValues).orElse(List.of()));
    }

    /** The opened values of the secrets read with the client. */
    public List<String> secretValues(AppClientRepository.ClientWithSecrets client) {
        return client.secrets().stream().map(secret -> open(secret).value()).toList();
    }

    Uni<Void> checkAgainstPool(SqlClient tx, UserPool pool, ObjectNode settings, boolean hasSecret, String doing) {
        ClientSettings proposed = ClientSettings.of(settings);
        if (proposed.allowedOAuthFlows().contains("client_credentials") && !hasSecret) {
            throw CognitoException.invalidParameter("client_credentials flow can not be selected if client does not have a client secret.");
        }
        Set<String> attributes = attributesOf(pool);
        if (!attributes.containsAll(proposed.readAttributes())) {
            throw CognitoException.invalidParameter("Invalid read attributes specified while " + doing + " a client");
        }
        if (!attributes.containsAll(proposed.writeAttributes())) {
            throw CognitoException.invalidParameter("Invalid write attributes specified while " + doing + " a client");
        }
        return checkProviders(tx, pool, proposed).chain(() -> checkScopes(tx, pool, proposed));
    }

    /** SupportedIdentityProviders: COGNITO or the names of the pool's identity providers. */
    private Uni<Void> checkProviders(SqlClient tx, UserPool pool, ClientSettings settings) {
        List<String> federated = settings.supportedIdentityProviders().stream()
                .filter(provider -> !"COGNITO".equals(provider)).distinct().toList();
        if (federated.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return identityProviders.existingNames(tx, pool.id(), federated).invoke(existing -> federated.stream()
                .filter(provider -> !existing.contains(provider)).findFirst().ifPresent(provider -> {
                    throw CognitoException.invalidParameter("The provider " + provider + " does not exist for User Pool " + pool.id());
                })).replaceWithVoid();
    }

    private Uni<Void> checkScopes(SqlClient tx, UserPool pool, ClientSettings settings) {
        List<String> custom = settings.allowedOAuthScopes().stream().filter(s -> !STANDARD_SCOPES.contains(s)).toList();
        if (custom.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> identifiers = custom.stream().filter(s -> s.lastIndexOf('/') > 0)
                .map(s -> s.substring(0, s.lastIndexOf('/'))).distinct().toList();
        return resourceServers.findAll(tx, pool.id(), identifiers).invoke(servers -> {
            Set<String> known = new HashSet<>();
            servers.forEach(server -> known.addAll(server.qualifiedScopes()));
            custom.stream().filter(scope -> !known.contains(scope)).findFirst().ifPresent(scope -> {
                throw new CognitoException("ScopeDoesNotExistException", "Invalid scope requested: " + scope);
            });
        }).replaceWithVoid();
    }

    /** Standard attributes (but {@code sub} and {@code identities}, which no client reads or writes by name) and the pool's own. */
    static Set<String> attributesOf(UserPool pool) {
        Set<String> attributes = new HashSet<>();
        PoolSchema.of(pool.settings()).all().forEach(definition -> attributes.add(definition.name()));
        attributes.removeAll(Set.of("sub", "identities"));
        return attributes;
    }

    private ClientSecret newSecret(String clientId, Instant now) {
        return new ClientSecret(clientId + "--" + now.toEpochMilli(), clientId, AppClientIds.newSecret(), now);
    }

    SealedSecret seal(ClientSecret secret) {
        return new SealedSecret(secret.secretId(), secret.clientId(),
                cipher.encrypt(secret.value(), ClientSecret.cipherContext(secret.secretId())), secret.creationDate());
    }

    ClientSecret open(SealedSecret sealed) {
        return new ClientSecret(sealed.secretId(), sealed.clientId(),
                cipher.decrypt(sealed.ciphertext(), ClientSecret.cipherContext(sealed.secretId())), sealed.creationDate());
    }


    private static Uni<Void> publish(SqlClient tx, EventType<UserPoolEvents.ClientChanged> type, AppClient client) {
        return UserPoolEventOutbox.publish(tx, client.userPoolId(), type,
                new UserPoolEvents.ClientChanged(client.userPoolId(), client.clientId(), client.clientName()));
    }

    public static CognitoException notFound(String clientId) {
        return CognitoException.resourceNotFound("User pool client " + clientId + " does not exist.");
    }
}
