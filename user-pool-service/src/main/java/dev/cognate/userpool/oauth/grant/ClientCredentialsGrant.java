package dev.cognate.userpool.oauth.grant;

import dev.cognate.userpool.metrics.AuthMetrics;
import dev.cognate.userpool.oauth.FormParameters;
import dev.cognate.userpool.oauth.OAuthClient;
import dev.cognate.userpool.oauth.OAuthException;
import dev.cognate.userpool.oauth.TokenResponse;
import dev.cognate.userpool.token.TokenIssuer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code grant_type=client_credentials} (RFC 6749 §4.4), machine to machine: only a confidential client whose
 * {@code AllowedOAuthFlows} has {@code client_credentials} ({@code unauthorized_client} otherwise). The requested
 * {@code scope}s must each be a custom scope ({@code <resource server>/<scope>}) of the client's
 * {@code AllowedOAuthScopes}; none requested grants all of them; none at all is {@code invalid_scope}. An access token
 * only: no ID token, no refresh token.
 */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler {

    private final TokenIssuer issuer;
    private final AuthMetrics metrics;

    public ClientCredentialsGrant(TokenIssuer issuer, AuthMetrics metrics) {
        this.metrics = metrics;
        this.issuer = issuer;
    }

    @Override
    public String grantType() {
        return "client_credentials";
    }

    @Override
    public Uni<TokenResponse> handle(OAuthClient client, FormParameters form, String sourceIp) {
        if (!client.confidential() || !client.allowsFlow("client_credentials")) {
            return Uni.createFrom().failure(OAuthException.unauthorizedClient("The client is not allowed the client credentials grant."));
        }
        List<String> scopes = granted(client.client().config().allowedOAuthScopes(), form.get("scope"));
        return issuer.mintForClient(client.client(), scopes)
                .invoke(() -> metrics.tokensIssued("client_credentials"))
                .map(minted -> TokenResponse.of(minted, null));
    }

    static List<String> granted(List<String> allowed, String requested) {
        List<String> custom = allowed.stream().filter(ClientCredentialsGrant::isCustom).toList();
        if (requested == null || requested.isBlank()) {
            if (custom.isEmpty()) {
                throw OAuthException.invalidScope("The client has no custom scope to grant.");
            }
            return custom;
        }
        List<String> scopes = List.copyOf(new LinkedHashSet<>(Arrays.asList(requested.trim().split(" +"))));
        for (String scope : scopes) {
            if (!custom.contains(scope)) {
                throw OAuthException.invalidScope("A requested scope is not a custom scope the client is allowed.");
            }
        }
        return scopes;
    }

    private static boolean isCustom(String scope) {
        return scope.indexOf('/') > 0;
    }
}
