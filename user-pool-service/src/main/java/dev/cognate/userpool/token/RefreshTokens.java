package dev.cognate.userpool.token;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.ClientSettings;
import dev.cognate.userpool.repository.RefreshTokenRepository;
import dev.cognate.userpool.repository.RefreshTokenRepository.StoredToken;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens: 384 random bits, stored as SHA-256, grouped in families ({@code origin_jti}) bound to pool,
 * client and user. With the client's {@code RefreshTokenRotation} ENABLED each use replaces the token; presenting a
 * replaced token again (after {@code RetryGracePeriodSeconds}) is taken as theft and revokes the whole family.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A refresh token presented: whose it is and, when the client rotates, its replacement; {@code reused} when it had
     * been replaced already — its family is now revoked, and the caller commits that before refusing. {@code scopes}: those
     * of the OAuth grant that opened the family, or null for a family of the user-pool API.
     */
    public record Redeemed(UUID familyId, UUID sub, Instant authTime, String replacement, boolean reused, List<String> scopes) {
    }

    private final RefreshTokenRepository tokens;

    public RefreshTokens(RefreshTokenRepository tokens) {
        this.tokens = tokens;
    }

    public static CognitoException invalid() {
        return new CognitoException("NotAuthorizedException", "Invalid Refresh Token");
    }

    public static CognitoException revoked() {
        return new CognitoException("NotAuthorizedException", "Refresh Token has been revoked");
    }

    /** A new family of the user-pool API and its first token, in the sign-in's transaction; answers the token's value. */
    public Uni<String> openFamily(SqlClient tx, AppClient client, UUID sub, UUID familyId, Instant authTime, Instant now) {
        return openFamily(tx, client, sub, familyId, authTime, now, null);
    }

    /** As {@link #openFamily(SqlClient, AppClient, UUID, UUID, Instant, Instant)}, for an OAuth grant: its refreshes keep {@code scopes}. */
    public Uni<String> openFamily(SqlClient tx, AppClient client, UUID sub, UUID familyId, Instant authTime, Instant now,
                                  List<String> scopes) {
        String value = newValue();
        return tokens.insertFamily(tx, familyId, client.userPoolId(), client.clientId(), sub, authTime, now, scopes)
                .chain(() -> tokens.insertToken(tx, hash(value), familyId, now, now.plus(TokenLifetimes.of(client).refreshToken())))
                .replaceWith(value);
    }

    /**
     * What {@link #redeem} would find, changing nothing: the token's family, user and scopes, {@code reused} when it was
     * replaced longer ago than the grace period (no replacement yet). The refresh checks this, runs the PreTokenGeneration
     * trigger, and only then redeems, so that a failing function does not use up a rotating token.
     */
    public Uni<Redeemed> peek(SqlClient sql, AppClient client, String value, Instant now) {
        return find(sql, client, value, false).chain(token -> {
            if (token.familyRevokedAt() != null) {
                return Uni.createFrom().failure(revoked());
            }
            if (token.expiresAt().isBefore(now)) {
                return Uni.createFrom().failure(expired());
            }
            boolean reused = token.replacedAt() != null
                    && token.replacedAt().plusSeconds(client.config().rotationGracePeriodSeconds()).isBefore(now);
            return Uni.createFrom().item(new Redeemed(token.familyId(), token.sub(), token.authTime(), null, reused, token.scopes()));
        });
    }

    private static CognitoException expired() {
        return new CognitoException("NotAuthorizedException", "Refresh Token has expired");
    }

    /** REFRESH_TOKEN_AUTH: the token must be the client's, unexpired and unrevoked; reuse of a replaced one revokes its family. */
    public Uni<Redeemed> redeem(SqlClient tx, AppClient client, String value, Instant now) {
        return find(tx, client, value).chain(token -> {
            if (token.familyRevokedAt() != null) {
                return Uni.createFrom().failure(revoked());
            }
            if (token.expiresAt().isBefore(now)) {
                return Uni.createFrom().failure(expired());
            }
            ClientSettings settings = client.config();
            boolean rotates = settings.refreshTokenRotation();
            if (token.replacedAt() != null) {
                long grace = settings.rotationGracePeriodSeconds();
                if (token.replacedAt().plusSeconds(grace).isBefore(now)) {
                    return tokens.revokeFamily(tx, token.familyId(), now)
                            .replaceWith(new Redeemed(token.familyId(), token.sub(), token.authTime(), null, true, token.scopes()));
                }
            }
            if (!rotates) {
                return Uni.createFrom().item(new Redeemed(token.familyId(), token.sub(), token.authTime(), null, false, token.scopes()));
            }
            String replacement = newValue();
            return tokens.markReplaced(tx, token.tokenHash(), now)
                    .chain(() -> tokens.insertToken(tx, hash(replacement), token.familyId(), now, token.expiresAt()))
                    .replaceWith(new Redeemed(token.familyId(), token.sub(), token.authTime(), replacement, false, token.scopes()));
        });
    }

    /** The user (sub) a refresh token of this client belongs to, whatever its state; empty for an unknown token. */
    public Uni<Optional<UUID>> owner(SqlClient sql, AppClient client, String value) {
        if (value == null || value.isEmpty() || value.length() > 2048) {
            return Uni.createFrom().item(Optional.empty());
        }
        return tokens.find(sql, hash(value))
                .map(found -> found.filter(token -> token.clientId().equals(client.clientId())).map(StoredToken::sub));
    }

    /** RevokeToken: the token's whole family; answers the user's sub. */
    public Uni<UUID> revoke(SqlClient tx, AppClient client, String value, Instant now) {
        return find(tx, client, value).chain(token -> tokens.revokeFamily(tx, token.familyId(), now).replaceWith(token.sub()));
    }

    private Uni<StoredToken> find(SqlClient tx, AppClient client, String value) {
        return find(tx, client, value, true);
    }

    /** The client's token; {@code lock}: its family row locked for the rest of the transaction (redeem, revoke). */
    private Uni<StoredToken> find(SqlClient sql, AppClient client, String value, boolean lock) {
        if (value == null || value.isEmpty() || value.length() > 2048) {
            return Uni.createFrom().failure(invalid());
        }
        return (lock ? tokens.findForUpdate(sql, hash(value)) : tokens.find(sql, hash(value))).map(found -> found
                .filter(token -> token.clientId().equals(client.clientId()))
                .orElseThrow(RefreshTokens::invalid));
    }

    private static String newValue() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
