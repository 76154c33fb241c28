package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.AppClientRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.token.AccessTokenVerifier;
import dev.cognate.userpool.token.AccessTokenVerifier.VerifiedAccessToken;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The caller of a signed-in user action (UpdateUserAttributes, ChangePassword, DeleteUser, ...): the user its verified
 * access token names, with the pool and the app client the token was issued to. A deleted user is "User does not
 * exist.", a disabled one "User is disabled.", as GetUser answers.
 */
@ApplicationScoped
public class SignedInUsers {

    /** A signed-in caller. */
    public record SignedIn(UserPool pool, AppClient client, User user) {
    }

    private final AccessTokenVerifier verifier;
    private final UserPoolRepository pools;
    private final UserRepository users;
    private final AppClientRepository clients;

    public SignedInUsers(AccessTokenVerifier verifier, UserPoolRepository pools, UserRepository users, AppClientRepository clients) {
        this.verifier = verifier;
        this.pools = pools;
        this.users = users;
        this.clients = clients;
    }

    /** Checks the access token (signature, expiry, revocation): {@code NotAuthorizedException} as GetUser. */
    public Uni<VerifiedAccessToken> verify(String accessToken) {
        return verifier.verify(accessToken);
    }

    /** The caller of {@code token}, its user row locked when {@code lock} (read-modify-write in a transaction). */
    public Uni<SignedIn> require(SqlClient sql, VerifiedAccessToken token, boolean lock) {
        return require(sql, token.userPoolId(), token.clientId(), token.sub(), lock);
    }

    /**
     * The user {@code sub} of the pool, signed in to {@code clientId} by other means than an access token (the hosted
     * login's SSO session, which hosted-ui-service vouches for); its row locked when {@code lock}.
     */
    public Uni<SignedIn> require(SqlClient sql, String userPoolId, String clientId, UUID sub, boolean lock) {
        return pools.require(sql, userPoolId)
                .chain(pool -> clients.findById(sql, clientId)
                        .map(client -> client.orElseThrow(AccessTokenVerifier::invalid))
                        .chain(client -> users.findBySub(sql, pool.id(), sub, lock)
                                .map(found -> new SignedIn(pool, client, requireEnabled(found.orElseThrow(UserStore::userNotFound))))));
    }

    private static User requireEnabled(User user) {
        if (!user.enabled()) {
            throw new CognitoException("NotAuthorizedException", "User is disabled.");
        }
        return user;
    }
}
