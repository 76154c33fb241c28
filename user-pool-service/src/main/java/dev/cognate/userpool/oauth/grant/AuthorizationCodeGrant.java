package dev.cognate.userpool.oauth.grant;

import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.oauth.AuthorizationCodes;
import dev.cognate.userpool.oauth.FormParameters;
import dev.cognate.userpool.oauth.OAuthClient;
import dev.cognate.userpool.oauth.OAuthException;
import dev.cognate.userpool.oauth.Pkce;
import dev.cognate.userpool.oauth.TokenResponse;
import dev.cognate.userpool.repository.RefreshTokenRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.token.RefreshTokens;
import dev.cognate.userpool.token.TokenIssuer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code grant_type=authorization_code} (RFC 6749 §4.1.3, RFC 7636): the code written by hosted-ui-service is taken
 * once from Redis; it must be this client's, the {@code redirect_uri} exactly the authorization request's, the PKCE
 * verifier right; the user must still exist and be enabled. Then a new refresh-token family keeps the granted scopes,
 * the code is marked redeemed, and ID (when {@code openid} was granted), access and refresh tokens are minted. A code
 * presented again revokes the family it was redeemed into — its refresh token and the access tokens issued from it.
 *
 * <p>The sign-in itself (password, lockout, {@code SignIn} event) was recorded by the hosted login's internal API when
 * the user authenticated; redeeming the code records no second sign-in.
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements GrantHandler {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeGrant.class);

    private final Pool db;
    private final AuthorizationCodes codes;
    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final RefreshTokenRepository families;
    private final TokenIssuer issuer;

    public AuthorizationCodeGrant(Pool db, AuthorizationCodes codes, UserRepository users, RefreshTokens refreshTokens,
                                  RefreshTokenRepository families, TokenIssuer issuer) {
        this.db = db;
        this.codes = codes;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.issuer = issuer;
    }

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public Uni<TokenResponse> handle(OAuthClient client, FormParameters form, String sourceIp) {
        if (!client.allowsFlow("code")) {
            return Uni.createFrom().failure(OAuthException.unauthorizedClient("The client is not allowed the authorization code grant."));
        }
        String code = form.require("code");
        String redirectUri = form.require("redirect_uri");
        String verifier = form.get("code_verifier");
        return codes.take(code)
                .chain(taken -> taken.isPresent() ? Uni.createFrom().item(taken.get()) : refuseReplay(code))
                .invoke(grant -> check(grant, client, redirectUri, verifier))
                .chain(grant -> users.findBySub(db, grant.userPoolId(), sub(grant), false)
                        .map(found -> found.filter(User::enabled)
                                .orElseThrow(() -> OAuthException.invalidGrant("The user of the authorization code cannot sign in.")))
                        .chain(user -> redeem(client, grant, user, code)));
    }

    private Uni<TokenResponse> redeem(OAuthClient client, AuthorizationCode grant, User user, String code) {
        List<String> allowed = client.client().list("AllowedOAuthScopes");
        // The client's scopes may have shrunk since the code was issued: grant no more than it allows now.
        List<String> scopes = grant.scopes().stream().filter(allowed::contains).toList();
        UUID family = UUID.randomUUID();
        Instant authTime = Instant.ofEpochSecond(grant.authTime());
        return db.withTransaction(tx -> refreshTokens.openFamily(tx, client.client(), user.sub(), family, authTime, Instant.now(), scopes))
                // marked before the tokens leave: from then on a replay finds the family to revoke
                .call(() -> codes.markRedeemed(code, family))
                .chain(refreshToken -> issuer.mint(client.client(), user, family, authTime, TokenIssuer.Authorization.oauth(scopes, grant.nonce()))
                        .map(minted -> TokenResponse.of(minted, refreshToken)));
    }

    /** An unknown code; when it was redeemed before, the tokens of that redemption are revoked first. */
    private Uni<AuthorizationCode> refuseReplay(String code) {
        OAuthException invalid = OAuthException.invalidGrant("The authorization code is invalid, expired or already used.");
        return codes.redeemedInto(code).chain(family -> {
            if (family.isEmpty()) {
                return Uni.createFrom().failure(invalid);
            }
            LOG.warnf("authorization code presented again: refresh-token family %s revoked", family.get());
            return db.withTransaction(tx -> families.revokeFamily(tx, family.get(), Instant.now()))
                    .chain(() -> Uni.createFrom().failure(invalid));
        });
    }

    private static void check(AuthorizationCode grant, OAuthClient client, String redirectUri, String verifier) {
        if (!client.clientId().equals(grant.clientId()) || !client.pool().id().equals(grant.userPoolId())) {
            throw OAuthException.invalidGrant("The authorization code was issued to another client.");
        }
        if (Instant.ofEpochSecond(grant.issuedAt()).plus(AuthorizationCode.MAX_TTL).isBefore(Instant.now())) {
            throw OAuthException.invalidGrant("The authorization code is invalid, expired or already used.");
        }
        if (!redirectUri.equals(grant.redirectUri())) {
            throw OAuthException.invalidGrant("The redirect_uri does not match the authorization request's.");
        }
        if (grant.codeChallenge() != null && !"S256".equals(grant.codeChallengeMethod())) {
            throw OAuthException.invalidGrant("Only the S256 code_challenge_method is supported.");
        }
        Pkce.check(grant.codeChallenge(), verifier);
    }

    private static UUID sub(AuthorizationCode grant) {
        try {
            return UUID.fromString(grant.sub());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw OAuthException.invalidGrant("The authorization code is invalid, expired or already used.");
        }
    }
}
