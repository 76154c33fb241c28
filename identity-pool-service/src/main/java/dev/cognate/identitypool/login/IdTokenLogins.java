package dev.cognate.identitypool.login;

import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwksSource;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.TokenRejectedException;
import dev.cognate.tokens.UnverifiedJwt;
import dev.cognate.tokens.VerifiedJwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;

/**
 * Verifies an OpenID Connect ID token as the login of one provider, whoever issued it (a user pool, Google, Apple, an
 * OIDC provider): parsed with the provider's algorithm allow-list, {@code iss} one of the provider's issuers (Google
 * issues with and without {@code https://}), signed by a key of {@code keys}, {@code aud} one of {@code audiences}
 * (none configured: refused, never "any"), unexpired, {@code sub} present; {@code token_use} when the provider sets
 * one. Refusals are {@link LoginRefusals}'.
 */
@ApplicationScoped
public class IdTokenLogins {

    /** What one provider's ID tokens must be. */
    public record Rules(JwtVerifier verifier, Set<String> issuers, JwksSource keys, Collection<String> audiences, String tokenUse) {
    }

    private final Clock clock;

    public IdTokenLogins(Clock clock) {
        this.clock = clock;
    }

    public Uni<VerifiedLogin> verify(String providerName, String token, Rules rules) {
        UnverifiedJwt jwt;
        try {
            jwt = rules.verifier().parse(token);
        } catch (TokenRejectedException rejected) {
            return Uni.createFrom().failure(LoginRefusals.notAuthorized(LoginRefusals.NOT_AN_ID_TOKEN));
        }
        // the (unverified) issuer only picks which of the provider's issuers the checks then require exactly
        String issuer = jwt.untrustedIssuer();
        if (issuer == null || !rules.issuers().contains(issuer)) {
            return Uni.createFrom().failure(LoginRefusals.notAuthorized(LoginRefusals.WRONG_ISSUER));
        }
        if (rules.audiences().isEmpty()) {
            return Uni.createFrom().failure(LoginRefusals.notAuthorized(LoginRefusals.WRONG_AUDIENCE));
        }
        ClaimChecks checks = ClaimChecks.issuedBy(issuer).audience(rules.audiences().toArray(String[]::new)).clock(clock);
        if (rules.tokenUse() != null) {
            checks = checks.tokenUse(rules.tokenUse());
        }
        ClaimChecks claimChecks = checks;
        return Uni.createFrom().completionStage(() -> rules.verifier().verify(jwt, rules.keys(), claimChecks))
                .onFailure().transform(failure -> LoginRefusals.jwtRefusal(jwt, failure, clock))
                .map(verified -> login(providerName, verified));
    }

    private static VerifiedLogin login(String providerName, VerifiedJwt verified) {
        String subject = verified.string("sub");
        if (subject == null || subject.isEmpty()) {
            throw LoginRefusals.notAuthorized(LoginRefusals.NOT_AN_ID_TOKEN);
        }
        return new VerifiedLogin(providerName, subject, verified.claims());
    }
}
