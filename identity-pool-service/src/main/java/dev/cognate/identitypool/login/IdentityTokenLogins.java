package dev.cognate.identitypool.login;

import dev.cognate.identitypool.domain.Identity;
import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.identitypool.repository.CredentialRevocationRepository;
import dev.cognate.identitypool.token.IdentityTokenIssuer;
import dev.cognate.identitypool.token.IdentityTokenKeys;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.SigningAlgorithm;
import dev.cognate.tokens.TokenRejectedException;
import dev.cognate.tokens.UnverifiedJwt;
import dev.cognate.tokens.VerifiedJwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The login of developer authenticated identities: {@code Logins} {@code {"cognito-identity.amazonaws.com": <token>}},
 * where the token is an identity token this service issued (GetOpenIdTokenForDeveloperIdentity, GetOpenIdToken). It
 * proves the identity it names, as Cognito documents for the enhanced flow of developer identities: RS512 by a key of the
 * identity issuer's JWKS, {@code iss} that issuer, {@code aud} the identity's pool, {@code sub} the identity, unexpired,
 * and not issued before the identity's credentials were revoked.
 */
@ApplicationScoped
public class IdentityTokenLogins {

    /** The provider name Cognito gives its own identity tokens in a {@code Logins} map. */
    public static final String PROVIDER = "cognito-identity.amazonaws.com";
    private static final JwtVerifier IDENTITY_TOKENS = JwtVerifier.allowing(SigningAlgorithm.RS512);

    private final Pool db;
    private final IdentityTokenKeys keys;
    private final IdentityTokenIssuer issuer;
    private final CredentialRevocationRepository revocations;
    private final Clock clock;

    public IdentityTokenLogins(Pool db, IdentityTokenKeys keys, IdentityTokenIssuer issuer, CredentialRevocationRepository revocations,
                               Clock clock) {
        this.db = db;
        this.keys = keys;
        this.issuer = issuer;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** Whether a {@code Logins} map holds the identity-token login. */
    public static boolean isIdentityTokenLogin(Map<String, String> logins) {
        return logins.containsKey(PROVIDER);
    }

    /**
     * The verified login of {@code identity}, whose principal tags are the token's; fails with
     * {@code NotAuthorizedException} when the token is not a valid identity token of this identity, or is one of several
     * entries (it stands for the identity's logins, which are not presented with it).
     */
    public Uni<VerifiedLogin> verify(Identity identity, Map<String, String> logins, String loginsDontMatch) {
        if (logins.size() != 1) {
            return Uni.createFrom().failure(LoginRefusals.notAuthorized("Invalid login token. A '" + PROVIDER
                    + "' token is the only entry of Logins."));
        }
        UnverifiedJwt jwt;
        try {
            jwt = IDENTITY_TOKENS.parse(logins.get(PROVIDER));
        } catch (TokenRejectedException rejected) {
            return Uni.createFrom().failure(LoginRefusals.notAuthorized(LoginRefusals.NOT_AN_ID_TOKEN));
        }
        ClaimChecks checks = ClaimChecks.issuedBy(issuer.issuer()).audience(identity.identityPoolId()).clock(clock);
        return Uni.createFrom().completionStage(() -> IDENTITY_TOKENS.verify(jwt, keys.verificationKeys(), checks))
                .onFailure().transform(failure -> LoginRefusals.jwtRefusal(jwt, failure, clock))
                .call(token -> {
                    if (!identity.id().equals(token.string("sub"))) {
                        return Uni.createFrom().failure(LoginRefusals.notAuthorized(loginsDontMatch));
                    }
                    return requireNotRevoked(identity, token);
                })
                .map(token -> new VerifiedLogin(PROVIDER, identity.id(), token.claims()));
    }

    private Uni<Void> requireNotRevoked(Identity identity, VerifiedJwt token) {
        Instant issuedAt = Instant.ofEpochSecond(token.claims().path("iat").asLong());
        return revocations.standing(db, identity.id()).invoke(standing -> {
            if (standing.isPresent() && standing.get().credentialsRevokedBefore() != null
                    && !issuedAt.isAfter(standing.get().credentialsRevokedBefore())) {
                throw LoginRefusals.notAuthorized("Invalid login token. Token is revoked.");
            }
        }).replaceWithVoid();
    }
}
