package dev.cognate.userpool.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwksSource;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.PublicKeys;
import dev.cognate.tokens.TokenRejectedException;
import dev.cognate.tokens.VerifiedTokenCache;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.AccessTokenStandings;
import dev.cognate.userpool.repository.RefreshTokenRepository;
import dev.cognate.userpool.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Checks the {@code AccessToken} of GetUser, GlobalSignOut and the other self-service actions: an RS256 signature by one
 * of the issuing pool's published keys, this installation's issuer, {@code token_use} "access", not expired, not issued
 * in the future, and not revoked (its refresh-token family revoked, or the user signed out everywhere after it was
 * issued). Cognito's messages. Parsing, the algorithm allow-list, the signature and the claim checks are libs/tokens'.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    /** An accepted access token. */
    public record VerifiedAccessToken(String userPoolId, UUID sub, String username, String clientId, UUID originJti,
                                      Instant issuedAt, String scope) {

        /** The space-separated {@code scope} claim as a list. */
        public List<String> scopes() {
            return scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
        }
    }

    /** An accepted access token and its user as read in the same statement; empty when no user has the token's sub. */
    public record VerifiedUser(VerifiedAccessToken token, Optional<User> user) {
    }

    private static final Logger LOG = Logger.getLogger(AccessTokenVerifier.class);
    /** Cognito signs user-pool tokens with RS256 only: nothing else is accepted. */
    private static final JwtVerifier VERIFIER = JwtVerifier.allowing(SigningKey.ALGORITHM);
    /**
     * Access tokens verified on this instance, at most this many (each ~2 KB: its SHA-256 and its claims); beyond it the
     * cache starts over. An entry lasts while the pool's key set is the one that verified it (reloaded at least every
     * {@code SigningKeys.CACHE_TTL}) and the token is not expired.
     */
    static final int VERIFIED = 4_096;
    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");

    private final Pool db;
    private final SigningKeys keys;
    private final TokenIssuer issuer;
    private final RefreshTokenRepository tokens;
    private final UserRepository users;
    private final AccessTokenStandings standings;
    private final Clock clock;
    private final VerifiedTokenCache verified = new VerifiedTokenCache(VERIFIER, VERIFIED);

    public AccessTokenVerifier(Pool db, SigningKeys keys, TokenIssuer issuer, RefreshTokenRepository tokens, UserRepository users,
                               AccessTokenStandings standings, Clock clock) {
        this.users = users;
        this.standings = standings;
        this.db = db;
        this.keys = keys;
        this.issuer = issuer;
        this.tokens = tokens;
        this.clock = clock;
    }

    public static CognitoException invalid() {
        return new CognitoException("NotAuthorizedException", "Invalid Access Token");
    }

    /**
     * For the user-pool API's self-service actions (GetUser, GlobalSignOut, ...): also requires the scope
     * {@code aws.cognito.signin.user.admin}, as Cognito — an OAuth access token granted only {@code openid email} may read
     * {@code /oauth2/userInfo} but not change the user.
     */
    public Uni<VerifiedAccessToken> verify(String accessToken) {
        return verifyAnyScope(accessToken).invoke(verified -> {
            if (!verified.scopes().contains(TokenIssuer.ADMIN_SCOPE)) {
                throw missingScope();
            }
        });
    }

    /** Signature, issuer, expiry and revocation, whatever the token's scopes ({@code /oauth2/userInfo} checks its own). */
    public Uni<VerifiedAccessToken> verifyAnyScope(String accessToken) {
        return verifySignature(accessToken)
                .call(verified -> tokens.isRevoked(db, verified.userPoolId(), verified.sub(), verified.originJti(), verified.issuedAt())
                        .invoke(revoked -> {
                            if (revoked) {
                                throw revoked();
                            }
                        }));
    }

    /**
     * As {@link #verify} (with {@code requireAdminScope}) or {@link #verifyAnyScope}, and the token's user read in the
     * same statement as the revocation test: what GetUser and {@code /oauth2/userInfo} need, in one query instead of two.
     * The same checks in the same order: signature and claims, revocation, scope; then the caller judges the user. The
     * user and revocation state may come from {@link AccessTokenStandings} (this instance's writes drop it at once,
     * another instance's are seen within {@code cognate.access-token-check.user-cache-ttl}).
     */
    public Uni<VerifiedUser> verifyWithUser(String accessToken, boolean requireAdminScope) {
        return verifySignature(accessToken)
                .chain(verified -> standings.standing(verified.userPoolId(), verified.sub(), verified.originJti(), verified.issuedAt(),
                                () -> users.findBySubUnlessRevoked(db, verified.userPoolId(), verified.sub(), verified.originJti(),
                                        verified.issuedAt()))
                        .map(standing -> {
                            if (standing.tokenRevoked()) {
                                throw revoked();
                            }
                            if (requireAdminScope && !verified.scopes().contains(TokenIssuer.ADMIN_SCOPE)) {
                                throw missingScope();
                            }
                            return new VerifiedUser(verified, standing.user());
                        }));
    }

    private static CognitoException missingScope() {
        return new CognitoException("NotAuthorizedException", "Access Token does not have required scopes");
    }

    private static CognitoException revoked() {
        return new CognitoException("NotAuthorizedException", "Access Token has been revoked");
    }

    /**
     * Parsing, the algorithm allow-list, the signature by one of the pool's published keys, and the claims. A token this
     * instance verified before with the pool's current key set skips parsing and the signature ({@link #VERIFIED}); the
     * claims are checked on every call.
     */
    private Uni<VerifiedAccessToken> verifySignature(String accessToken) {
        return Uni.createFrom().completionStage(() -> verified.verify(accessToken, this::verification))
                .onFailure(TokenRejectedException.class).transform(failure -> refusal((TokenRejectedException) failure))
                .map(verified -> accepted(poolIdOf(verified.string("iss")), verified.claims()));
    }

    /** The (unverified, on a first sight) issuer only chooses whose keys must have signed; the checks then require exactly it. */
    private VerifiedTokenCache.Verification verification(String iss) {
        String poolId = poolIdOf(iss);
        if (poolId == null) {
            return null;
        }
        return new VerifiedTokenCache.Verification(keySource(poolId),
                ClaimChecks.issuedBy(issuer.issuer(poolId)).tokenUse("access").clock(clock));
    }

    /** The pool's published keys; an unknown kid reloads them (within {@link SigningKeys}' bound). */
    private JwksSource keySource(String poolId) {
        return new JwksSource() {
            @Override
            public CompletionStage<PublicKeys> keys() {
                return keys.verificationKeys(poolId).subscribeAsCompletionStage();
            }

            @Override
            public CompletionStage<PublicKeys> keysAfterUnknownKid(String kid) {
                return keys.verificationKeysAfterUnknownKid(poolId, kid).subscribeAsCompletionStage();
            }
        };
    }

    /**
     * Cognito's answer to a refused token: "Access Token has expired" for an expired one, "Invalid Access Token" for all
     * else (an unknown pool included). A key store that failed for another reason (the database) is not the token's
     * fault: that failure goes on as it is.
     */
    private static RuntimeException refusal(TokenRejectedException rejected) {
        LOG.debugf("access token refused: %s", rejected.getMessage());
        if (rejected.reason() == TokenRejectedException.Reason.EXPIRED) {
            return new CognitoException("NotAuthorizedException", "Access Token has expired");
        }
        if (rejected.reason() == TokenRejectedException.Reason.KEYS_UNAVAILABLE && rejected.getCause() instanceof RuntimeException cause
                && !(cause instanceof CognitoException)) {
            return cause;
        }
        return invalid();
    }

    private String poolIdOf(String iss) {
        String prefix = issuer.issuer("");
        if (iss == null || !iss.startsWith(prefix) || iss.length() == prefix.length()) {
            return null;
        }
        String poolId = iss.substring(prefix.length());
        return POOL_ID.matcher(poolId).matches() ? poolId : null;
    }

    private static VerifiedAccessToken accepted(String poolId, ObjectNode claims) {
        try {
            return new VerifiedAccessToken(poolId, UUID.fromString(claims.path("sub").asText()), claims.path("username").asText(),
                    claims.path("client_id").asText(), UUID.fromString(claims.path("origin_jti").asText()),
                    Instant.ofEpochSecond(claims.path("iat").asLong()), claims.path("scope").asText());
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }
}
