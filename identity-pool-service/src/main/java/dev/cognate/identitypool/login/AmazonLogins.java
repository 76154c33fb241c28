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
 * {@code www.amazon.com} logins (Login with Amazon): an access token, verified by asking Amazon. {@code GET
 * /auth/o2/tokeninfo} names the token's client ({@code aud}, {@code amzn1.application-oa2-client.…}) and application
 * ({@code app_id}, {@code amzn1.application.…}): one of them must be one of the pool's ids (Cognito's console asks for
 * the App ID; either is accepted). {@code GET /user/profile} with the token as bearer names the user: its
 * {@code user_id} (the same as tokeninfo's) is the login's subject. Claims: {@code sub}, {@code aud}, {@code app_id}.
 */
@ApplicationScoped
public class AmazonLogins {

    static final String PROVIDER = "www.amazon.com";
    static final String INVALID = "Invalid login token. The Login with Amazon access token is not valid.";

    private final ProviderApi api;
    private final String base;

    public AmazonLogins(ProviderApi api, LoginProvidersConfig config) {
        this.api = api;
        this.base = FacebookLogins.withoutTrailingSlash(config.amazonApiUrl());
    }

    public Uni<VerifiedLogin> verify(String token, Collection<String> appIds) {
        if (!ProviderApi.looksLikeAccessToken(token)) {
            return Uni.createFrom().failure(LoginRefusals.notAuthorized(INVALID));
        }
        URI tokenInfo = URI.create(base + "/auth/o2/tokeninfo?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return api.get("Login with Amazon", tokenInfo, Map.of()).chain(info -> {
            String userId = info.body().path("user_id").asText("");
            if (info.refused() || userId.isEmpty()) {
                throw LoginRefusals.notAuthorized(INVALID);
            }
            String aud = info.body().path("aud").asText("");
            String appId = info.body().path("app_id").asText("");
            if (!appIds.contains(aud) && !appIds.contains(appId)) {
                throw LoginRefusals.notAuthorized(LoginRefusals.WRONG_AUDIENCE);
            }
            return api.get("Login with Amazon", URI.create(base + "/user/profile"), Map.of("Authorization", "Bearer " + token))
                    .map(profile -> {
                        if (profile.refused() || !userId.equals(profile.body().path("user_id").asText(""))) {
                            throw LoginRefusals.notAuthorized(INVALID);
                        }
                        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("sub", userId).put("aud", aud);
                        if (!appId.isEmpty()) {
                            claims.put("app_id", appId);
                        }
                        return new VerifiedLogin(PROVIDER, userId, claims);
                    });
        });
    }
}
