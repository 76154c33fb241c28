package dev.cognate.userpool.oauth.grant;

import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.oauth.OAuthException;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.token.TokenIssuer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What every redemption of an authorization code's grant checks, whichever way its tokens leave — the token endpoint's
 * {@link AuthorizationCodeGrant} or the implicit flow's {@link ImplicitGrant}: the grant was issued to this client of
 * this pool and is younger than {@link AuthorizationCode#MAX_TTL}; its user still exists and is enabled; and it grants
 * only the scopes the client still allows. Every refusal is an {@link OAuthException} {@code invalid_grant}.
 */
@ApplicationScoped
public class CodeRedemption {

    static final String INVALID_CODE = "The authorization code is invalid, expired or already used.";

    /** A grant that passed the checks: its user and what the tokens may do. */
    public record Redeemable(AuthorizationCode grant, User user, List<String> scopes) {

        public Instant authTime() {
            return Instant.ofEpochSecond(grant.authTime());
        }

        public TokenIssuer.Authorization authorization() {
            return TokenIssuer.Authorization.oauth(scopes, grant.nonce());
        }
    }

    private final Pool db;
    private final UserRepository users;

    public CodeRedemption(Pool db, UserRepository users) {
        this.db = db;
        this.users = users;
    }

    /** The grant was issued to {@code client} (and its pool), and has not outlived a code's lifetime at {@code now}. */
    public static void checkIssuedTo(AuthorizationCode grant, AppClient client, Instant now) {
        if (!client.clientId().equals(grant.clientId()) || !client.userPoolId().equals(grant.userPoolId())) {
            throw OAuthException.invalidGrant("The authorization code was issued to another client.");
        }
        if (Instant.ofEpochSecond(grant.issuedAt()).plus(AuthorizationCode.MAX_TTL).isBefore(now)) {
            throw OAuthException.invalidGrant(INVALID_CODE);
        }
    }

    /** The grant's user, who must still exist and be enabled, and the scopes {@code client} still allows. */
    public Uni<Redeemable> redeemable(AuthorizationCode grant, AppClient client) {
        return Uni.createFrom().item(() -> sub(grant))
                .chain(sub -> users.findBySub(db, grant.userPoolId(), sub, false))
                .map(found -> found.filter(User::enabled)
                        .orElseThrow(() -> OAuthException.invalidGrant("The user of the authorization code cannot sign in.")))
                .map(user -> new Redeemable(grant, user, stillAllowed(grant, client)));
    }

    /** The client's scopes may have shrunk since the code was issued: grant no more than it allows now. */
    private static List<String> stillAllowed(AuthorizationCode grant, AppClient client) {
        List<String> allowed = client.config().allowedOAuthScopes();
        return grant.scopes().stream().filter(allowed::contains).toList();
    }

    private static UUID sub(AuthorizationCode grant) {
        try {
            return UUID.fromString(grant.sub());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw OAuthException.invalidGrant(INVALID_CODE);
        }
    }
}
