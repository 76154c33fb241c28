package dev.cognate.identitypool.login;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.identitypool.config.LoginProvidersConfig;
import dev.cognate.identitypool.domain.VerifiedLogin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * {@code graph.facebook.com} logins: a Facebook user access token, verified by asking the Graph API (Cognito holds only
 * the app id, no app secret, so {@code debug_token} — which needs an app token — is not an option): {@code GET /app}
 * with the token names the app it was issued to, which must be one of the pool's app ids; {@code GET /me?fields=id}
 * names the user, whose id is the login's subject. Claims: {@code sub} (the user id) and {@code aud} (the app id).
 */
@ApplicationScoped
public class FacebookLogins {

    static final String PROVIDER = "graph.facebook.com";
    static final String INVALID = "Invalid login token. The Facebook access token is not valid.";

    private final ProviderApi api;
    private final String graph;

    public FacebookLogins(ProviderApi api, LoginProvidersConfig config) {
        this.api = api;
        this.graph = withoutTrailingSlash(config.facebookGraphUrl());
    }

    public Uni<VerifiedLogin> verify(String token, Collection<String> appIds) {
        if (!ProviderApi.looksLikeAccessToken(token)) {
            return Uni.createFrom().failure(LoginRefusals.notAuthorized(INVALID));
        }
        String query = "access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return api.get("Facebook", URI.create(graph + "/app?fields=id&" + query), Map.of()).chain(app -> {
            if (app.refused() || !app.body().path("id").isTextual()) {
                throw LoginRefusals.notAuthorized(INVALID);
            }
            String appId = app.body().path("id").asText();
            if (!appIds.contains(appId)) {
                throw LoginRefusals.notAuthorized(LoginRefusals.WRONG_AUDIENCE);
            }
            return api.get("Facebook", URI.create(graph + "/me?fields=id&" + query), Map.of()).map(me -> {
                String userId = me.body().path("id").asText("");
                if (me.refused() || userId.isEmpty()) {
                    throw LoginRefusals.notAuthorized(INVALID);
                }
                ObjectNode claims = JsonNodeFactory.instance.objectNode().put("sub", userId).put("aud", appId);
                return new VerifiedLogin(PROVIDER, userId, claims);
            });
        });
    }

    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
