package dev.cognate.identitypool.login;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.tokens.TokenRejectedException;
import dev.cognate.tokens.UnverifiedJwt;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.concurrent.CompletionException;

/**
 * The errors a refused login answers, one place for every provider: {@code NotAuthorizedException} with Cognito's
 * messages for a token that does not verify, {@code ExternalServiceException} when the provider (or user-pool-service)
 * cannot be asked — the request is refused either way, nothing is written.
 */
final class LoginRefusals {

    private static final Logger LOG = Logger.getLogger(LoginRefusals.class);

    static final String NOT_AN_ID_TOKEN = "Invalid login token. Not a valid OpenId Connect identity token.";
    static final String WRONG_ISSUER = "Invalid login token. Issuer doesn't match providerName";
    static final String WRONG_AUDIENCE = "Invalid login token. Incorrect token audience.";
    static final String NOT_VERIFIED = "Invalid login token. Couldn't verify signed token.";

    private LoginRefusals() {
    }

    static CognitoException notAuthorized(String message) {
        return new CognitoException("NotAuthorizedException", message);
    }

    /** A provider that did not answer, or answered something that is no answer (5xx, not JSON). */
    static CognitoException providerUnavailable(String provider) {
        return new CognitoException("ExternalServiceException", provider + " is not responding. Retry the request.");
    }

    /** Cognito's message for a JWT that libs/tokens refused; a failure that is not a refusal is logged and refused too. */
    static CognitoException jwtRefusal(UnverifiedJwt jwt, Throwable failure, Clock clock) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CognitoException cognito) {
            return cognito;
        }
        if (!(cause instanceof TokenRejectedException rejected)) {
            LOG.warnf(cause, "verifying a login token failed unexpectedly");
            return notAuthorized(NOT_VERIFIED);
        }
        if (rejected.reason() == TokenRejectedException.Reason.KEYS_UNAVAILABLE) {
            LOG.warnf("the keys of %s are unavailable: %s", jwt.untrustedIssuer(), rejected.getMessage());
        }
        return notAuthorized(switch (rejected.reason()) {
            case EXPIRED -> "Invalid login token. Token expired: " + jwt.untrustedClaims().path("exp").asLong()
                    + " >= " + clock.instant().getEpochSecond();
            case WRONG_ISSUER -> WRONG_ISSUER;
            case WRONG_AUDIENCE -> WRONG_AUDIENCE;
            case WRONG_TOKEN_USE, MALFORMED, MISSING_CLAIM -> NOT_AN_ID_TOKEN;
            default -> NOT_VERIFIED;
        });
    }
}
