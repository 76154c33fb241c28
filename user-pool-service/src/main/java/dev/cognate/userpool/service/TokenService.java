package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.AuthEvent;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.AuthEventRepository;
import dev.cognate.userpool.repository.RefreshTokenRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.token.AccessTokenVerifier;
import dev.cognate.userpool.token.RefreshTokens;
import dev.cognate.userpool.token.SigningKey;
import dev.cognate.userpool.token.SigningKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What a signed-in user and an operator do with tokens: GetUser and GlobalSignOut (by access token),
 * AdminUserGlobalSignOut, RevokeToken (a refresh token's family), and {@code CognateAdmin.RotateSigningKey}. Sign-outs and
 * revocations are recorded as authentication events ({@code SignOut}, {@code TokenRevocation}: beyond Cognito's types) in
 * their transaction.
 */
@ApplicationScoped
public class TokenService {

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserStore store;
    private final AccessTokenVerifier verifier;
    private final RefreshTokenRepository tokens;
    private final RefreshTokens refreshTokens;
    private final ClientAuthenticator clients;
    private final AppClientService appClients;
    private final SigningKeys keys;
    private final AuthEventRepository authEvents;
    private final Clock clock;

    public TokenService(Pool db, UserPoolRepository pools, UserStore store, AccessTokenVerifier verifier,
                        RefreshTokenRepository tokens, RefreshTokens refreshTokens, ClientAuthenticator clients, AppClientService appClients,
                        SigningKeys keys, AuthEventRepository authEvents, Clock clock) {
        this.authEvents = authEvents;
        this.db = db;
        this.pools = pools;
        this.store = store;
        this.verifier = verifier;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.clients = clients;
        this.appClients = appClients;
        this.keys = keys;
        this.clock = clock;
    }

    /** GetUser: the access token's user; a deleted user is "User does not exist.", a disabled one "User is disabled.". */
    public Uni<User> getUser(String accessToken) {
        return verifier.verifyWithUser(accessToken, true)
                .map(verified -> verified.user().orElseThrow(UserStore::userNotFound))
                .invoke(user -> {
                    if (!user.enabled()) {
                        throw new CognitoException("NotAuthorizedException", "User is disabled.");
                    }
                });
    }

    /** GlobalSignOut: every refresh token of the user revoked, its access tokens refused from now on. */
    public Uni<Void> globalSignOut(String accessToken, String sourceIp) {
        return verifier.verify(accessToken)
                .chain(token -> db.withTransaction(tx -> tokens.signOutEverywhere(tx, token.userPoolId(), token.sub(), clock.instant())
                        .chain(() -> recordEvent(tx, token.userPoolId(), token.sub(), AuthEvent.SIGN_OUT, token.clientId(), sourceIp))));
    }

    public Uni<Void> adminUserGlobalSignOut(String poolId, String username, String sourceIp) {
        return pools.require(db, poolId).chain(pool -> db.withTransaction(tx -> store.require(tx, pool, username, false)
                .chain(user -> tokens.signOutEverywhere(tx, poolId, user.sub(), clock.instant())
                        .chain(() -> recordEvent(tx, poolId, user.sub(), AuthEvent.SIGN_OUT, null, sourceIp)))));
    }

    /**
     * RevokeToken: the refresh token's family — its refresh tokens and the access tokens issued from them. The client
     * must be the token's, prove its secret when it has one, and have EnableTokenRevocation.
     */
    public Uni<Void> revokeToken(String token, String clientId, String clientSecret, String sourceIp) {
        if (token != null && token.chars().filter(c -> c == '.').count() == 2) {
            return Uni.createFrom().failure(new CognitoException("UnsupportedTokenTypeException",
                    "Only refresh tokens can be revoked."));
        }
        return appClients.findClient(clientId)
                .map(found -> found.orElseThrow(() -> AppClientService.notFound(clientId)))
                .call(client -> appClients.secretValues(clientId)
                        .invoke(secrets -> ClientAuthenticator.checkSecret(clientId, secrets, clientSecret)))
                .invoke(client -> {
                    if (!client.config().tokenRevocationEnabled()) {
                        throw new CognitoException("UnsupportedOperationException", "Token revocation is not enabled for this client.");
                    }
                })
                .chain(client -> revokeRefreshToken(client, token, sourceIp));
    }

    /**
     * The refresh token's family revoked (its refresh tokens and the access tokens issued from them) and a
     * {@code TokenRevocation} event recorded, for a client already authenticated: RevokeToken and {@code /oauth2/revoke}.
     * A token unknown or of another client fails with "Invalid Refresh Token" and revokes nothing.
     */
    public Uni<Void> revokeRefreshToken(AppClient client, String token, String sourceIp) {
        return db.withTransaction(tx -> refreshTokens.revoke(tx, client, token, clock.instant())
                .chain(sub -> recordEvent(tx, client.userPoolId(), sub, AuthEvent.TOKEN_REVOCATION, client.clientId(), sourceIp)));
    }

    private Uni<Void> recordEvent(SqlClient tx, String poolId, UUID sub, String eventType, String clientId,
                                  String sourceIp) {
        return authEvents.insert(tx, AuthEvent.at(clock.instant(), poolId, sub, eventType, true, null, null, clientId, null, sourceIp));
    }

    public Uni<SigningKey> rotateSigningKey(String poolId) {
        return keys.rotateSigningKey(poolId);
    }
}
