package dev.cognate.identitypool.login;

import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.internalapi.IdTokenCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Cognito's {@code ServerSideTokenCheck} for a user pool login whose ID token has verified: user-pool-service is asked
 * ({@link UserPoolInternalClient}) whether the user still exists, is enabled, and the token's session
 * ({@code origin_jti}) was not revoked nor the user signed out everywhere since its {@code iat}. Any other answer than
 * {@code ACTIVE} is Cognito's "400 Not Authorized"; no answer (user-pool-service down, the rest client's timeouts)
 * fails closed with {@code ExternalServiceException}, the Cognito error for a dependency that does not respond.
 */
@ApplicationScoped
public class ServerSideTokenCheck {

    /** One message for all three, so the answer does not tell whether the user exists. Cognate's wording. */
    static final String REVOKED = "Invalid login token. Token has been revoked, or its user is disabled or deleted.";

    private static final Logger LOG = Logger.getLogger(ServerSideTokenCheck.class);

    private final UserPoolInternalClient userPools;

    public ServerSideTokenCheck(@RestClient UserPoolInternalClient userPools) {
        this.userPools = userPools;
    }

    public Uni<VerifiedLogin> check(String userPoolId, VerifiedLogin login) {
        var claims = login.claims();
        String originJti = claims.path("origin_jti").isTextual() ? claims.path("origin_jti").asText() : null;
        IdTokenCheck.Request request = new IdTokenCheck.Request(login.subject(), originJti, claims.path("iat").asLong());
        return Uni.createFrom().deferred(() -> userPools.checkIdToken(userPoolId, request))
                .onFailure().transform(failure -> {
                    LOG.warnf("ServerSideTokenCheck of pool %s could not ask user-pool-service: %s", userPoolId, failure.toString());
                    return LoginRefusals.providerUnavailable("The user pool");
                })
                .map(answer -> {
                    if (answer == null || !answer.active()) {
                        LOG.debugf("ServerSideTokenCheck refused a login of pool %s: %s", userPoolId, answer == null ? null : answer.status());
                        throw LoginRefusals.notAuthorized(REVOKED);
                    }
                    return login;
                });
    }
}
