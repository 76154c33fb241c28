package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.AppClientRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.UserStore;
import dev.cognate.userpool.token.AccessTokenVerifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * GetUserAuthFactors: the signed-in user (access token, verified as for GetUser) and the first factors of choice-based
 * sign-in they can use now — each {@link FirstAuthFactor} asked through {@link FirstAuthFactors#configured}, so a
 * factor another part of Cognate runs (one-time codes, passkeys) counts by its own rule. Asked in the context of the
 * token's pool and client, as a USER_AUTH sign-in of that client would be.
 */
@ApplicationScoped
public class UserAuthFactors {

    /** The user and their ConfiguredUserAuthFactors. */
    public record Configured(User user, List<String> factors) {
    }

    private final Pool db;
    private final AccessTokenVerifier verifier;
    private final UserRepository users;
    private final UserPoolRepository pools;
    private final AppClientRepository clients;
    private final FirstAuthFactors factors;

    public UserAuthFactors(Pool db, AccessTokenVerifier verifier, UserRepository users, UserPoolRepository pools, AppClientRepository clients,
                           FirstAuthFactors factors) {
        this.db = db;
        this.verifier = verifier;
        this.users = users;
        this.pools = pools;
        this.clients = clients;
        this.factors = factors;
    }

    public Uni<Configured> of(String accessToken) {
        return verifier.verify(accessToken).chain(token -> users.findBySub(db, token.userPoolId(), token.sub(), false)
                .map(found -> found.orElseThrow(UserStore::userNotFound))
                .invoke(user -> {
                    if (!user.enabled()) {
                        throw new CognitoException("NotAuthorizedException", "User is disabled.");
                    }
                })
                .chain(user -> pools.find(db, token.userPoolId()).chain(pool -> clients.find(db, token.userPoolId(), token.clientId())
                        .chain(client -> {
                            if (pool.isEmpty() || client.isEmpty()) {
                                // the pool or the client was deleted since the token was issued
                                return Uni.createFrom().failure(AccessTokenVerifier.invalid());
                            }
                            AuthContext context = new AuthContext(pool.get(), client.get(), false, UserAuthFlow.FLOW, Map.of(), null);
                            return factors.configured(context, user).map(configured -> new Configured(user, configured));
                        }))));
    }
}
