package dev.cognate.userpool.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.repository.RefreshTokenRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks the {@code AccessToken} of GetUser, GlobalSignOut and the other self-service actions: an RS256 signature by one
 * of the issuing pool's published keys, this installation's issuer, {@code token_use} "access", not expired, and not
 * revoked (its refresh-token family revoked, or the user signed out everywhere after it was issued). Cognito's messages.
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

    private final Pool db;
    private final SigningKeys keys;
    private final TokenIssuer issuer;
    private final RefreshTokenRepository tokens;

    public AccessTokenVerifier(Pool db, SigningKeys keys, TokenIssuer issuer, RefreshTokenRepository tokens) {
        this.db = db;
        this.keys = keys;
        this.issuer = issuer;
        this.tokens = tokens;
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
                throw new CognitoException("NotAuthorizedException", "Access Token does not have required scopes");
            }
        });
    }

    /** Signature, issuer, expiry and revocation, whatever the token's scopes ({@code /oauth2/userInfo} checks its own). */
    public Uni<VerifiedAccessToken> verifyAnyScope(String accessToken) {
        Optional<Jwt.Parsed> parsed = Jwt.parse(accessToken);
        if (parsed.isEmpty()) {
            return Uni.createFrom().failure(invalid());
        }
        Jwt.Parsed token = parsed.get();
        String poolId = poolIdOf(token.claims());
        if (poolId == null || token.kid() == null) {
            return Uni.createFrom().failure(invalid());
        }
        return keys.publishedKeys(poolId)
                .chain(published -> find(published, token.kid()).isPresent() ? Uni.createFrom().item(published)
                        : keys.reloadPublishedKeys(poolId))
                .onFailure(CognitoException.class).transform(notFound -> invalid())
                .map(published -> {
                    SigningKey key = find(published, token.kid()).orElseThrow(AccessTokenVerifier::invalid);
                    if (!token.verifiedBy(key.publicKey())) {
                        throw invalid();
                    }
                    return accepted(poolId, token.claims());
                })
                .call(verified -> tokens.isRevoked(db, poolId, verified.sub(), verified.originJti(), verified.issuedAt())
                        .invoke(revoked -> {
                            if (revoked) {
                                throw new CognitoException("NotAuthorizedException", "Access Token has been revoked");
                            }
                        }));
    }

    private String poolIdOf(ObjectNode claims) {
        String iss = claims.path("iss").asText("");
        String prefix = issuer.issuer("");
        if (!iss.startsWith(prefix) || iss.length() == prefix.length()) {
            return null;
        }
        String poolId = iss.substring(prefix.length());
        return poolId.matches("[\\w-]+_[0-9a-zA-Z]+") ? poolId : null;
    }

    private static VerifiedAccessToken accepted(String poolId, ObjectNode claims) {
        if (!"access".equals(claims.path("token_use").asText()) || !claims.path("exp").isNumber() || !claims.path("iat").isNumber()) {
            throw invalid();
        }
        if (Instant.ofEpochSecond(claims.path("exp").asLong()).isBefore(Instant.now())) {
            throw new CognitoException("NotAuthorizedException", "Access Token has expired");
        }
        try {
            return new VerifiedAccessToken(poolId, UUID.fromString(claims.path("sub").asText()), claims.path("username").asText(),
                    claims.path("client_id").asText(), UUID.fromString(claims.path("origin_jti").asText()),
                    Instant.ofEpochSecond(claims.path("iat").asLong()), claims.path("scope").asText());
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static Optional<SigningKey> find(List<SigningKey> keys, String kid) {
        return keys.stream().filter(key -> key.kid().equals(kid)).findFirst();
    }
}
