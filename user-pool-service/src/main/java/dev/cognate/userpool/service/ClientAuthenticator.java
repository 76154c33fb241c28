package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.ClientSettings;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.SettingsCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The app client of an unauthenticated or admin user flow (SignUp, InitiateAuth, ForgotPassword, ...):
 * found by its id, in the pool the request names if it names one, and — for a client with a secret —
 * proven by {@code SECRET_HASH} = Base64(HMAC-SHA256(client secret, username + client id)), checked
 * against each of its (up to two, while rotating) secrets in constant time. Cognito's errors and messages. The pool, the
 * client and its secrets come from {@link SettingsCache} (at most {@code cognate.cache.settings-ttl} old on another
 * instance than the one that changed them), the client and its secrets from one read.
 */
@ApplicationScoped
public class ClientAuthenticator {

    /** A client that proved itself, with its pool. */
    public record AuthenticatedClient(UserPool pool, AppClient client) {
    }

    /** The user pool itself as an identity provider in SupportedIdentityProviders. */
    public static final String COGNITO_PROVIDER = "COGNITO";

    private final SettingsCache settings;
    private final AppClientService clients;

    public ClientAuthenticator(SettingsCache settings, AppClientService clients) {
        this.settings = settings;
        this.clients = clients;
    }

    /** A found client with its pool and the opened values of its secrets. */
    private record Resolved(AuthenticatedClient authenticated, List<String> secrets) {
    }

    /**
     * @param userPoolId the pool the request names (Admin* flows), or {@code null} when only the client id is given
     * @param username   what the hash was computed over: the username as the request gives it
     * @param secretHash the request's {@code SECRET_HASH}, or {@code null}
     */
    public Uni<AuthenticatedClient> authenticate(String userPoolId, String clientId, String username, String secretHash) {
        return resolve(userPoolId, clientId)
                .invoke(resolved -> checkSecretHash(clientId, resolved.secrets(), username, secretHash))
                .map(Resolved::authenticated);
    }

    /**
     * The client by its id (in the pool the request names, if any), not yet proven: for a flow whose SECRET_HASH is
     * computed over a username the request does not carry (REFRESH_TOKEN_AUTH: the refresh token's user), the caller
     * checks it with {@link #verifySecretHash} once it knows that username.
     */
    public Uni<AuthenticatedClient> identify(String userPoolId, String clientId) {
        return find(userPoolId, clientId);
    }

    /**
     * SECRET_HASH computed over any one of {@code usernames} (for a client with secrets; nothing to check otherwise). The
     * usernames are looked up only for a client that has secrets: a public client's refresh reads no token owner for it.
     */
    public Uni<Void> verifySecretHash(AuthenticatedClient client, Supplier<Uni<List<String>>> usernames, String secretHash) {
        String clientId = client.client().clientId();
        return clients.secretValues(clientId).chain(secrets -> secrets.isEmpty() ? Uni.createFrom().voidItem()
                : usernames.get().invoke(names -> checkSecretHash(clientId, secrets, names, secretHash)).replaceWithVoid());
    }

    /**
     * GetTokensFromRefreshToken: the client by its id and — for a client with a secret — proven by {@code ClientSecret}
     * itself, compared in constant time with each of its secrets.
     */
    public Uni<AuthenticatedClient> authenticateWithSecret(String clientId, String clientSecret) {
        return resolve(null, clientId)
                .invoke(resolved -> checkSecret(clientId, resolved.secrets(), clientSecret))
                .map(Resolved::authenticated);
    }

    /**
     * The hosted login pages (hosted-ui-service, a trusted caller inside the cluster): the client by its id without
     * SECRET_HASH — the pages hold no client secret and the browser never sees one — but only a client set up for the
     * hosted login, so that the pages cannot be used to get around a client's API settings (its ExplicitAuthFlows):
     * AllowedOAuthFlowsUserPoolClient must be true and SupportedIdentityProviders must name COGNITO. An unknown client →
     * {@code ResourceNotFoundException}.
     */
    public Uni<AuthenticatedClient> forHostedLogin(String clientId) {
        return find(null, clientId).invoke(authenticated -> checkHostedLogin(authenticated.client()));
    }

    /**
     * A federated sign-in through the hosted login: the client by its id, set up for the OAuth flows
     * (AllowedOAuthFlowsUserPoolClient) and naming {@code providerName} among its SupportedIdentityProviders (else
     * {@code InvalidParameterException}); it need not support COGNITO. An unknown client → {@code ResourceNotFoundException}.
     */
    public Uni<AuthenticatedClient> forFederation(String clientId, String providerName) {
        return find(null, clientId).invoke(authenticated -> {
            ClientSettings settings = authenticated.client().config();
            if (!settings.oauthEnabled()) {
                throw CognitoException.invalidParameter("Client is not enabled for OAuth");
            }
            if (providerName == null || COGNITO_PROVIDER.equals(providerName)
                    || !settings.supportedIdentityProviders().contains(providerName)) {
                throw CognitoException.invalidParameter("The client does not support the identity provider " + providerName);
            }
        });
    }

    static void checkHostedLogin(AppClient client) {
        ClientSettings settings = client.config();
        if (!settings.oauthEnabled()) {
            throw CognitoException.invalidParameter("Client is not enabled for OAuth");
        }
        if (!settings.supportedIdentityProviders().contains(COGNITO_PROVIDER)) {
            throw CognitoException.invalidParameter("The client does not support the " + COGNITO_PROVIDER + " identity provider");
        }
    }

    private Uni<AuthenticatedClient> find(String userPoolId, String clientId) {
        return resolve(userPoolId, clientId).map(Resolved::authenticated);
    }

    private Uni<Resolved> resolve(String userPoolId, String clientId) {
        return settings.client(clientId)
                .map(found -> found.filter(entry -> userPoolId == null || entry.client().userPoolId().equals(userPoolId))
                        .orElseThrow(() -> AppClientService.notFound(clientId)))
                .chain(entry -> settings.requirePool(entry.client().userPoolId())
                        .map(pool -> new Resolved(new AuthenticatedClient(pool, entry.client()), clients.secretValues(entry))));
    }

    /** A client with secrets must send one of them as {@code ClientSecret} (RevokeToken, GetTokensFromRefreshToken). */
    static void checkSecret(String clientId, List<String> secrets, String clientSecret) {
        if (secrets.isEmpty()) {
            return;
        }
        if (!secretMatches(secrets, clientSecret)) {
            throw new CognitoException("NotAuthorizedException", "Client " + clientId + " is configured with secret and the secret was not"
                    + " received or does not match");
        }
    }

    /**
     * Whether {@code clientSecret} is one of the client's secrets (up to two while rotating), each compared in constant
     * time; never for a null secret. Also the client authentication of the OAuth endpoints.
     */
    public static boolean secretMatches(List<String> secrets, String clientSecret) {
        boolean matches = false;
        byte[] given = (clientSecret == null ? "" : clientSecret).getBytes(StandardCharsets.UTF_8);
        for (String secret : secrets) {
            matches |= MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), given);
        }
        return clientSecret != null && matches;
    }

    static void checkSecretHash(String clientId, List<String> secrets, String username, String secretHash) {
        checkSecretHash(clientId, secrets, List.of(username == null ? "" : username), secretHash);
    }

    static void checkSecretHash(String clientId, List<String> secrets, List<String> usernames, String secretHash) {
        if (secrets.isEmpty()) {
            return;
        }
        if (secretHash == null || secretHash.isEmpty()) {
            throw new CognitoException("NotAuthorizedException",
                    "Client " + clientId + " is configured with secret but SECRET_HASH was not received");
        }
        byte[] given = secretHash.getBytes(StandardCharsets.UTF_8);
        boolean matches = false;
        for (String secret : secrets) {
            for (String username : usernames) {
                matches |= MessageDigest.isEqual(secretHash(secret, username, clientId).getBytes(StandardCharsets.UTF_8), given);
            }
        }
        if (!matches) {
            throw new CognitoException("NotAuthorizedException", "Unable to verify secret hash for client " + clientId);
        }
    }

    /** Cognito's SECRET_HASH: Base64(HMAC-SHA256(key = client secret, message = username + client id)). */
    public static String secretHash(String clientSecret, String username, String clientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
