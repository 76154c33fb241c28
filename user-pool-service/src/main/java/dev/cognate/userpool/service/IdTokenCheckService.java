package dev.cognate.userpool.service;

import dev.cognate.internalapi.IdTokenCheck;
import dev.cognate.userpool.repository.RefreshTokenRepository;
import dev.cognate.userpool.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Cognito's {@code ServerSideTokenCheck}, the user pool's half: is the user of an ID token (already verified by
 * identity-pool-service) still there, enabled, and not signed out since? The same revocation rules as access tokens
 * ({@link RefreshTokenRepository#isRevoked}): the token's session ({@code origin_jti}, its refresh-token family) revoked
 * by RevokeToken or {@code /oauth2/revoke}, or a GlobalSignOut/AdminUserGlobalSignOut after the second it was issued in.
 * Reads only; never writes.
 */
@ApplicationScoped
public class IdTokenCheckService {

    /** A family id no token has: the session part of the check for a token without {@code origin_jti}. */
    private static final UUID NO_SESSION = new UUID(0, 0);

    private final Pool db;
    private final UserRepository users;
    private final RefreshTokenRepository tokens;

    public IdTokenCheckService(Pool db, UserRepository users, RefreshTokenRepository tokens) {
        this.db = db;
        this.users = users;
        this.tokens = tokens;
    }

    public Uni<IdTokenCheck.Answer> check(String poolId, IdTokenCheck.Request request) {
        UUID sub = uuid(request.sub());
        if (sub == null) {
            // user-pool-service's subs are UUIDs: any other text names no user
            return Uni.createFrom().item(new IdTokenCheck.Answer(IdTokenCheck.USER_NOT_FOUND));
        }
        UUID session = request.originJti() == null ? NO_SESSION : uuid(request.originJti());
        return users.findBySub(db, poolId, sub, false).chain(user -> {
            if (user.isEmpty()) {
                return Uni.createFrom().item(IdTokenCheck.USER_NOT_FOUND);
            }
            if (!user.get().enabled()) {
                return Uni.createFrom().item(IdTokenCheck.USER_DISABLED);
            }
            return tokens.isRevoked(db, poolId, sub, session == null ? NO_SESSION : session, Instant.ofEpochSecond(request.issuedAt()))
                    .map(revoked -> revoked ? IdTokenCheck.TOKEN_REVOKED : IdTokenCheck.ACTIVE);
        }).map(IdTokenCheck.Answer::new);
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
