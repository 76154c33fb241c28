package dev.cognate.userpool.oauth.grant;

import dev.cognate.userpool.auth.AuthContext;
import dev.cognate.userpool.auth.RefreshTokenAuthFlow;
import dev.cognate.userpool.oauth.FormParameters;
import dev.cognate.userpool.oauth.OAuthClient;
import dev.cognate.userpool.oauth.OAuthResponses;
import dev.cognate.userpool.oauth.TokenResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * {@code grant_type=refresh_token} (RFC 6749 §6): the one refresh of this service ({@link RefreshTokenAuthFlow}, as
 * REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken) — same family, scopes and {@code auth_time}, rotation with reuse
 * detection when the client enables it, else no new refresh token (as Cognito). Allowed to any client for its own refresh
 * tokens; a {@code scope} parameter is ignored (Cognito does not narrow on refresh). An invalid, expired, revoked or
 * other client's token, or a disabled user, is {@code invalid_grant}.
 */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler {

    private final RefreshTokenAuthFlow refresh;

    public RefreshTokenGrant(RefreshTokenAuthFlow refresh) {
        this.refresh = refresh;
    }

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    public Uni<TokenResponse> handle(OAuthClient client, FormParameters form, String sourceIp) {
        String token = form.require("refresh_token");
        AuthContext context = new AuthContext(client.pool(), client.client(), false, "REFRESH_TOKEN", Map.of(), sourceIp);
        return refresh.refresh(context, token)
                .map(response -> {
                    var result = response.authenticationResult();
                    return new TokenResponse(result.idToken(), result.accessToken(), result.refreshToken(), result.expiresIn(), "Bearer");
                })
                .onFailure().transform(OAuthResponses::grantFailure);
    }
}
