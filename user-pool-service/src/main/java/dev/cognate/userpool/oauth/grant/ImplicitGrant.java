package dev.cognate.userpool.oauth.grant;

import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.metrics.AuthMetrics;
import dev.cognate.userpool.oauth.AuthorizationCodes;
import dev.cognate.userpool.oauth.OAuthClient;
import dev.cognate.userpool.oauth.OAuthException;
import dev.cognate.userpool.oauth.TokenResponse;
import dev.cognate.userpool.token.TokenIssuer;
import dev.cognate.userpool.trigger.PreTokenGenerationTrigger;
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
        // as the token endpoint's code grant: checked (a failed check uses the code up), the PreTokenGeneration trigger
        // run, and only then the code taken — a failing function leaves it for another try
        return codes.peek(code)
                .map(peeked -> peeked.orElseThrow(() -> OAuthException.invalidGrant(CodeRedemption.INVALID_CODE)))
                .chain(grant -> Uni.createFrom().item(grant)
                        .invoke(checked -> {
                            CodeRedemption.checkIssuedTo(checked, client, clock.instant());
                            if (checked.codeChallenge() != null) {
                                // bound to a PKCE verifier: such a code is the code flow's, redeemed only at /oauth2/token
                                throw OAuthException.invalidGrant("A code with a code_challenge is redeemed at the token endpoint.");
                            }
                        })
                        .chain(checked -> redemption.redeemable(checked, client))
                        .onFailure().call(failure -> codes.take(code)))
                .chain(redeemable -> issuer.prepare(client, redeemable.user(), redeemable.authTime(), redeemable.authorization(),
                        PreTokenGenerationTrigger.Source.HOSTED_AUTH, null))
                .chain(prepared -> codes.take(code).chain(taken -> {
                    if (taken.isEmpty()) {
                        return Uni.createFrom().failure(OAuthException.invalidGrant(CodeRedemption.INVALID_CODE));
                    }
                    return issuer.sign(prepared, UUID.randomUUID());
                }))
                .invoke(() -> metrics.tokensIssued("implicit"))
                .map(minted -> TokenResponse.of(minted, null));
    }
}
