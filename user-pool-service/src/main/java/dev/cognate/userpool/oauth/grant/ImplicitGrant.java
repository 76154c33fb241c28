package dev.cognate.userpool.oauth.grant;

import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.metrics.AuthMetrics;
import dev.cognate.userpool.oauth.AuthorizationCodes;
import dev.cognate.userpool.oauth.OAuthClient;
import dev.cognate.userpool.oauth.OAuthException;
import dev.cognate.userpool.oauth.TokenResponse;
import dev.cognate.userpool.token.TokenIssuer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/**
 * The implicit grant (RFC 6749 §4.2, {@code response_type=token}), for clients whose {@code AllowedOAuthFlows} contain
 * {@code implicit}. The browser never redeems anything here: after the sign-in hosted-ui-service writes an ordinary
 * authorization-code grant (no PKCE challenge) and hands its code to the internal API, which takes it once — so
 * minting still needs a grant that only a real sign-in produced — and answers the tokens the hosted UI puts in the
 * redirect URI's fragment. The code must be this client's, unexpired, its user existing and enabled
 * ({@link CodeRedemption}). Mints an access token with the granted scopes and, when {@code openid} was granted, an ID
 * token with {@code nonce} and {@code at_hash}; never a refresh token (RFC 6749 §4.2.2; Cognito gives none either).
 * Their {@code origin_jti} names no refresh-token family, so only {@code GlobalSignOut} (and expiry) ends them.
 */
@ApplicationScoped
public class ImplicitGrant {

    static final String FLOW = "implicit";

    private final AuthorizationCodes codes;
    private final CodeRedemption redemption;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final AuthMetrics metrics;

    public ImplicitGrant(AuthorizationCodes codes, CodeRedemption redemption, TokenIssuer issuer, Clock clock, AuthMetrics metrics) {
        this.metrics = metrics;
        this.codes = codes;
        this.redemption = redemption;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The tokens of {@code code}'s grant for {@code client}, or a failure with an {@link OAuthException}. */
    public Uni<TokenResponse> redeem(AppClient client, String code) {
        if (!OAuthClient.allowsFlow(client, FLOW)) {
            return Uni.createFrom().failure(OAuthException.unauthorizedClient("The client is not allowed the implicit grant."));
        }
        return codes.take(code)
                .map(taken -> taken.orElseThrow(() -> OAuthException.invalidGrant(CodeRedemption.INVALID_CODE)))
                .invoke(grant -> {
                    CodeRedemption.checkIssuedTo(grant, client, clock.instant());
                    if (grant.codeChallenge() != null) {
                        // bound to a PKCE verifier: such a code is the code flow's, redeemed only at /oauth2/token
                        throw OAuthException.invalidGrant("A code with a code_challenge is redeemed at the token endpoint.");
                    }
                })
                .chain(grant -> redemption.redeemable(grant, client))
                .chain(redeemable -> issuer.mint(client, redeemable.user(), UUID.randomUUID(), redeemable.authTime(),
                        redeemable.authorization()))
                .invoke(() -> metrics.tokensIssued("implicit"))
                .map(minted -> TokenResponse.of(minted, null));
    }
}
