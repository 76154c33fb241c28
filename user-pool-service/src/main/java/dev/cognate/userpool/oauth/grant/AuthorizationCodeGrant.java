package dev.cognate.userpool.oauth.grant;

import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.userpool.metrics.AuthMetrics;
import dev.cognate.userpool.oauth.AuthorizationCodes;
import dev.cognate.userpool.oauth.FormParameters;
import dev.cognate.userpool.oauth.OAuthClient;
import dev.cognate.userpool.oauth.OAuthException;
import dev.cognate.userpool.oauth.OAuthResponses;
import dev.cognate.userpool.oauth.Pkce;
import dev.cognate.userpool.oauth.TokenResponse;
import dev.cognate.userpool.repository.RefreshTokenRepository;
import dev.cognate.userpool.token.RefreshTokens;
import dev.cognate.userpool.token.TokenIssuer;
import dev.cognate.userpool.trigger.PreTokenGenerationTrigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * {@code grant_type=authorization_code} (RFC 6749 §4.1.3, RFC 7636): the code written by hosted-ui-service is taken
 * once from Redis; it must be this client's, the {@code redirect_uri} exactly the authorization request's, the PKCE
 * verifier right; the user must still exist and be enabled. Then a new refresh-token family keeps the granted scopes,
 * the code is marked redeemed, and ID (when {@code openid} was granted), access and refresh tokens are minted. A code
 * presented again revokes the family it was redeemed into — its refresh token and the access tokens issued from it.
 *
 * <p>The pool's PreTokenGeneration trigger ({@code TokenGeneration_HostedAuth}) runs after the checks and before the
 * code is taken: a failing function answers its error ({@link OAuthResponses#grantFailure}) and leaves the code
 * redeemable for the rest of its short life. A failed check still uses the code up.
 *
 * <p>The sign-in itself (password, lockout, {@code SignIn} event) was recorded by the hosted login's internal API when
 * the user authenticated; redeeming the code records no second sign-in.
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements GrantHandler {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeGrant.class);

    private final Pool db;
    private final AuthorizationCodes codes;
    private final CodeRedemption redemption;
    private final RefreshTokens refreshTokens;
    private final RefreshTokenRepository families;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final AuthMetrics metrics;

    public AuthorizationCodeGrant(Pool db, AuthorizationCodes codes, CodeRedemption redemption, RefreshTokens refreshTokens,
                                  RefreshTokenRepository families, TokenIssuer issuer, Clock clock, AuthMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.codes = codes;
        this.redemption = redemption;
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.issuer = issuer;
        this.clock = clock;
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
        // peeked, checked and the PreTokenGeneration trigger run before the code is taken: a failing function leaves the
        // code for another try; a failed check uses it up, as before
        return codes.peek(code)
                .chain(peeked -> peeked.isPresent() ? Uni.createFrom().item(peeked.get()) : this.<AuthorizationCode>refuseReplay(code))
                .chain(grant -> Uni.createFrom().item(grant)
                        .invoke(checked -> check(checked, client, redirectUri, verifier))
                        .chain(checked -> redemption.redeemable(checked, client.client()))
                        .onFailure().call(failure -> codes.take(code)))
                .chain(redeemable -> issuer.prepare(client.client(), redeemable.user(), redeemable.authTime(), redeemable.authorization(),
                                PreTokenGenerationTrigger.Source.HOSTED_AUTH, null)
                        .onFailure().transform(OAuthResponses::grantFailure)
                        .chain(prepared -> codes.take(code).chain(taken -> taken.isPresent()
                                ? redeem(client, redeemable, code, prepared) : refuseReplay(code))));
    }

    private Uni<TokenResponse> redeem(OAuthClient client, CodeRedemption.Redeemable redeemable, String code, TokenIssuer.Prepared prepared) {
        UUID family = UUID.randomUUID();
        return db.withTransaction(tx -> refreshTokens.openFamily(tx, client.client(), redeemable.user().sub(), family,
                        redeemable.authTime(), clock.instant(), redeemable.scopes()))
                // marked before the tokens leave: from then on a replay finds the family to revoke
                .call(() -> codes.markRedeemed(code, family))
                .chain(refreshToken -> issuer.sign(prepared, family)
                        .invoke(() -> metrics.tokensIssued("authorization_code"))
                        .map(minted -> TokenResponse.of(minted, refreshToken)));
    }

    /** An unknown code; when it was redeemed before, the tokens of that redemption are revoked first. */
    private <T> Uni<T> refuseReplay(String code) {
        OAuthException invalid = OAuthException.invalidGrant(CodeRedemption.INVALID_CODE);
        return codes.redeemedInto(code).chain(family -> {
            if (family.isEmpty()) {
                return Uni.createFrom().<T>failure(invalid);
            }
            LOG.warnf("authorization code presented again: refresh-token family %s revoked", family.get());
            return db.withTransaction(tx -> families.revokeFamily(tx, family.get(), clock.instant()))
                    .chain(() -> Uni.createFrom().<T>failure(invalid));
        });
    }

    private void check(AuthorizationCode grant, OAuthClient client, String redirectUri, String verifier) {
        CodeRedemption.checkIssuedTo(grant, client.client(), clock.instant());
        if (!redirectUri.equals(grant.redirectUri())) {
            throw OAuthException.invalidGrant("The redirect_uri does not match the authorization request's.");
        }
        if (grant.codeChallenge() != null && !"S256".equals(grant.codeChallengeMethod())) {
            throw OAuthException.invalidGrant("Only the S256 code_challenge_method is supported.");
        }
        Pkce.check(grant.codeChallenge(), verifier);
    }
}
