package dev.cognate.identitypool.sts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.IdentityPoolRoles;
import dev.cognate.identitypool.repository.IdentityPoolRepository;
import dev.cognate.identitypool.repository.CredentialRevocationRepository;
import dev.cognate.identitypool.repository.IdentityPoolRolesRepository;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * AssumeRoleWithWebIdentity for identity OpenID tokens (the classic flow). The token must be Cognate's own (RS512, a
 * key of its JWKS, {@code iss} the configured issuer, unexpired), its pool must exist and allow the classic flow. There
 * is no IAM to hold trust policies, so the pool's configuration stands in for them, as the trust policy Cognito's
 * console writes would: an authenticated identity may assume the pool's authenticated role or a role its mappings
 * name, a guest only the unauthenticated role. The token's principal tags ({@code https://aws.amazon.com/tags}) become
 * the session's tags, as AWS STS takes them. The token's identity must still stand (not deleted, disabled or revoked since
 * the token was issued).
 */
@ApplicationScoped
public class WebIdentityRoles {

    static final String ACCESS_DENIED = "Not authorized to perform sts:AssumeRoleWithWebIdentity";
    private static final JwtVerifier IDENTITY_TOKENS = JwtVerifier.allowing(SigningAlgorithm.RS512);

    /** The verified token's subject (identity id), audience (pool id) and principal tags (its session tags). */
    public record WebIdentity(String identityId, String identityPoolId, String issuer, Map<String, String> principalTags) {
    }

    private final Pool db;
    private final IdentityTokenKeys keys;
    private final IdentityTokenIssuer issuer;
    private final IdentityPoolRepository pools;
    private final IdentityPoolRolesRepository roles;
    private final CredentialRevocationRepository revocations;
    private final Clock clock;

    public WebIdentityRoles(Pool db, IdentityTokenKeys keys, IdentityTokenIssuer issuer, IdentityPoolRepository pools,
                            IdentityPoolRolesRepository roles, CredentialRevocationRepository revocations, Clock clock) {
        this.db = db;
        this.keys = keys;
        this.issuer = issuer;
        this.pools = pools;
        this.roles = roles;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** @return the identity, once the token verified and the role is one it may assume; fails with {@link StsException} */
    public Uni<WebIdentity> authorize(String webIdentityToken, String roleArn) {
        UnverifiedJwt jwt;
        try {
            jwt = IDENTITY_TOKENS.parse(webIdentityToken);
        } catch (TokenRejectedException rejected) {
            return Uni.createFrom().failure(new StsException("InvalidIdentityToken", "The ID token provided is not a valid JWT.", 400));
        }
        ClaimChecks checks = ClaimChecks.issuedBy(issuer.issuer()).clock(clock);
        return Uni.createFrom().completionStage(() -> IDENTITY_TOKENS.verify(jwt, keys.verificationKeys(), checks))
                .onFailure().transform(failure -> refusal(jwt, failure))
                .chain(verified -> {
                    String poolId = verified.string("aud");
                    return pools.find(db, poolId == null ? "" : poolId).chain(pool -> {
                        if (pool.isEmpty() || !pool.get().configuration().allowClassicFlow()) {
                            throw new StsException("AccessDenied", ACCESS_DENIED, 403);
                        }
                        return roles.find(db, poolId).call(() -> requireStanding(verified)).map(poolRoles -> {
                            if (!assumable(pool.get(), poolRoles, verified).contains(roleArn)) {
                                throw new StsException("AccessDenied", ACCESS_DENIED, 403);
                            }
                            return new WebIdentity(verified.string("sub"), poolId, issuer.issuer(),
                                    IdentityTokenIssuer.principalTags(verified.claims()));
                        });
                    });
                });
    }

    /**
     * The token's identity must still stand, as for the credentials it would give (revocation): it exists, is not
     * disabled, and its credentials were not revoked after the token was issued — else a revoked identity's unexpired
     * token would mint credentials that pass the check.
     */
    private Uni<Void> requireStanding(VerifiedJwt token) {
        String identityId = token.string("sub");
        Instant issuedAt = Instant.ofEpochSecond(token.claims().path("iat").asLong());
        return revocations.standing(db, identityId == null ? "" : identityId).invoke(standing -> {
            if (standing.isEmpty() || standing.get().disabled() || (standing.get().credentialsRevokedBefore() != null
                    && !issuedAt.isAfter(standing.get().credentialsRevokedBefore()))) {
                throw new StsException("AccessDenied", ACCESS_DENIED, 403);
            }
        }).replaceWithVoid();
    }

    private static Set<String> assumable(IdentityPool pool, IdentityPoolRoles poolRoles, VerifiedJwt token) {
        Set<String> allowed = new HashSet<>();
        boolean authenticated = false;
        for (JsonNode amr : token.claims().path("amr")) {
            authenticated |= "authenticated".equals(amr.asText());
        }
        if (!authenticated) {
            if (poolRoles.roles().containsKey(IdentityPoolRoles.UNAUTHENTICATED)) {
                allowed.add(poolRoles.roles().get(IdentityPoolRoles.UNAUTHENTICATED));
            }
            return allowed;
        }
        if (poolRoles.roles().containsKey(IdentityPoolRoles.AUTHENTICATED)) {
            allowed.add(poolRoles.roles().get(IdentityPoolRoles.AUTHENTICATED));
        }
        poolRoles.roleMappings().values().stream()
                .filter(mapping -> mapping.rulesConfiguration() != null)
                .flatMap(mapping -> mapping.rulesConfiguration().rules().stream())
                .forEach(rule -> allowed.add(rule.roleARN()));
        return allowed;
    }

    private StsException refusal(UnverifiedJwt jwt, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TokenRejectedException rejected && rejected.reason() == TokenRejectedException.Reason.EXPIRED) {
            return new StsException("ExpiredTokenException", "Token expired: current date/time " + clock.instant()
                    + " must be before the expiration date/time " + Instant.ofEpochSecond(jwt.untrustedClaims().path("exp").asLong()), 400);
        }
        return new StsException("InvalidIdentityToken", "Couldn't verify signed token.", 400);
    }
}
