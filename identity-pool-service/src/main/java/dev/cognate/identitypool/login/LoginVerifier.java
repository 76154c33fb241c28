package dev.cognate.identitypool.login;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.identitypool.domain.CognitoIdentityProvider;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.SigningAlgorithm;
import dev.cognate.tokens.TokenRejectedException;
import dev.cognate.tokens.UnverifiedJwt;
import dev.cognate.tokens.VerifiedJwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;

/**
 * Verifies the tokens of a {@code Logins} map as Cognito does, never trusting them: each key must be a provider of the
 * pool, each token an ID token of that provider's issuer ({@code iss}), signed by a key of the issuer's JWKS (RS256, as
 * user pools sign), for one of the provider's app clients ({@code aud}), with {@code token_use} {@code id}, unexpired.
 * Any failure refuses the whole request with {@code NotAuthorizedException}.
 */
@ApplicationScoped
public class LoginVerifier {

    private static final Logger LOG = Logger.getLogger(LoginVerifier.class);
    private static final JwtVerifier ID_TOKENS = JwtVerifier.allowing(SigningAlgorithm.RS256);

    private final UserPoolProviders providers;
    private final IssuerKeys keys;
    private final Clock clock;

    public LoginVerifier(UserPoolProviders providers, IssuerKeys keys, Clock clock) {
        this.providers = providers;
        this.keys = keys;
        this.clock = clock;
    }

    /** The verified logins, in provider-name order; fails with {@code NotAuthorizedException} if any is not valid. */
    public Uni<List<VerifiedLogin>> verify(IdentityPool pool, Map<String, String> logins) {
        List<Uni<VerifiedLogin>> checks = new ArrayList<>();
        new TreeMap<>(logins).forEach((providerName, token) -> checks.add(verifyOne(pool, providerName, token)));
        if (checks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(checks).andFailFast();
    }

    private Uni<VerifiedLogin> verifyOne(IdentityPool pool, String providerName, String token) {
        List<String> clientIds = pool.configuration().cognitoIdentityProviders().stream()
                .filter(provider -> provider.providerName().equals(providerName))
                .map(CognitoIdentityProvider::clientId)
                .toList();
        if (clientIds.isEmpty()) {
            return Uni.createFrom().failure(notAuthorized(supportedProviderMessage(pool, providerName)));
        }
        if (pool.configuration().cognitoIdentityProviders().stream()
                .anyMatch(provider -> provider.providerName().equals(providerName) && provider.serverSideTokenCheck())) {
            // Refused rather than ignored: the check (is the user still enabled and signed in?) would ask user-pool-service.
            return Uni.createFrom().failure(notAuthorized("Invalid login token. ServerSideTokenCheck is not supported by Cognate yet"
                    + " for provider '" + providerName + "'."));
        }
        String issuer = providers.issuerOf(providerName).orElse(null);
        if (issuer == null) {
            return Uni.createFrom().failure(notAuthorized("Invalid login token. Issuer doesn't match providerName"));
        }
        UnverifiedJwt jwt;
        try {
            jwt = ID_TOKENS.parse(token);
        } catch (TokenRejectedException rejected) {
            return Uni.createFrom().failure(notAuthorized("Invalid login token. Not a valid OpenId Connect identity token."));
        }
        ClaimChecks checks = ClaimChecks.issuedBy(issuer).tokenUse("id").audience(clientIds.toArray(String[]::new)).clock(clock);
        return Uni.createFrom().completionStage(() -> ID_TOKENS.verify(jwt, keys.of(issuer), checks))
                .onFailure().transform(failure -> refusal(jwt, failure))
                .map(verified -> login(providerName, verified));
    }

    private static VerifiedLogin login(String providerName, VerifiedJwt verified) {
        String subject = verified.string("sub");
        if (subject == null || subject.isEmpty()) {
            throw notAuthorized("Invalid login token. Not a valid OpenId Connect identity token.");
        }
        return new VerifiedLogin(providerName, subject, verified.claims());
    }

    /** Cognito's message for a key of {@code Logins} that is no configured provider (or one Cognate does not verify yet). */
    private static String supportedProviderMessage(IdentityPool pool, String providerName) {
        boolean configuredElsewhere = pool.configuration().supportedLoginProviders().containsKey(providerName)
                || pool.configuration().openIdConnectProviderARNs().stream().anyMatch(arn -> arn.endsWith("/" + providerName))
                || providerName.equals(pool.configuration().developerProviderName());
        return configuredElsewhere
                ? "Invalid login token. Logins of '" + providerName + "' are not supported by Cognate yet (only Cognito user pools)."
                : "Token is not from a supported provider of this identity pool.";
    }

    private CognitoException refusal(UnverifiedJwt jwt, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CognitoException cognito) {
            return cognito;
        }
        if (!(cause instanceof TokenRejectedException rejected)) {
            LOG.warnf(cause, "verifying a login token failed unexpectedly");
            return notAuthorized("Invalid login token. Couldn't verify signed token.");
        }
        if (rejected.reason() == TokenRejectedException.Reason.KEYS_UNAVAILABLE) {
            LOG.warnf("the keys of %s are unavailable: %s", jwt.untrustedIssuer(), rejected.getMessage());
        }
        return notAuthorized(switch (rejected.reason()) {
            case EXPIRED -> "Invalid login token. Token expired: " + jwt.untrustedClaims().path("exp").asLong()
                    + " >= " + clock.instant().getEpochSecond();
            case WRONG_ISSUER -> "Invalid login token. Issuer doesn't match providerName";
            case WRONG_AUDIENCE -> "Invalid login token. Incorrect token audience.";
            case WRONG_TOKEN_USE, MALFORMED, MISSING_CLAIM -> "Invalid login token. Not a valid OpenId Connect identity token.";
            default -> "Invalid login token. Couldn't verify signed token.";
        });
    }

    public static CognitoException notAuthorized(String message) {
        return new CognitoException("NotAuthorizedException", message);
    }
}
