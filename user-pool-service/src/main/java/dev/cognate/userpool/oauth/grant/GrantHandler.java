package dev.cognate.userpool.oauth.grant;

import dev.cognate.userpool.oauth.FormParameters;
import dev.cognate.userpool.oauth.OAuthClient;
import dev.cognate.userpool.oauth.TokenResponse;
import io.smallrye.mutiny.Uni;

/** One {@code grant_type} of {@code POST /oauth2/token}, for a client already authenticated. */
public interface GrantHandler {

    /** The {@code grant_type} value this handler serves. */
    String grantType();

    /** The tokens, or a failure with an {@link dev.cognate.userpool.oauth.OAuthException}. */
    Uni<TokenResponse> handle(OAuthClient client, FormParameters form, String sourceIp);
}
