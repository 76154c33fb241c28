package dev.cognate.userpool.oauth.grant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.userpool.metrics.AuthMetrics;
import dev.cognate.userpool.oauth.FormParameters;
import dev.cognate.userpool.oauth.OAuthClient;
import dev.cognate.userpool.oauth.OAuthException;
import dev.cognate.userpool.oauth.OAuthResponses;
import dev.cognate.userpool.oauth.TokenResponse;
import dev.cognate.userpool.token.TokenIssuer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code grant_type=client_credentials} (RFC 6749 §4.4), machine to machine: only a confidential client whose
 * {@code AllowedOAuthFlows} has {@code client_credentials} ({@code unauthorized_client} otherwise). The requested
 * {@code scope}s must each be a custom scope ({@code <resource server>/<scope>}) of the client's
 * {@code AllowedOAuthScopes}; none requested grants all of them; none at all is {@code invalid_scope}. An access token
 * only: no ID token, no refresh token. In pools whose PreTokenGeneration function is V3_0 it runs first
 * ({@code TokenGeneration_ClientCredentials}, with the request's {@code aws_client_metadata}) and may change the token's
 * claims and scopes.
 */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler {

    static final String CLIENT_METADATA = "aws_client_metadata";
    private static final ObjectMapper JSON = new ObjectMapper();

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
        Map<String, String> clientMetadata = clientMetadata(form.get(CLIENT_METADATA));
        return issuer.mintForClient(client.client(), scopes, clientMetadata)
                .onFailure().transform(OAuthResponses::grantFailure)
                .invoke(() -> metrics.tokensIssued("client_credentials"))
                .map(minted -> TokenResponse.of(minted, null));
    }

    /**
     * Cognito's {@code aws_client_metadata}: a JSON object of strings for a V3_0 PreTokenGeneration function's
     * {@code request.clientMetadata}; anything else is {@code invalid_request}.
     */
    static Map<String, String> clientMetadata(String json) {
        if (json == null) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw OAuthException.invalidRequest("The parameter " + CLIENT_METADATA + " must be a JSON object of strings.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (var fields = node.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                throw OAuthException.invalidRequest("The parameter " + CLIENT_METADATA + " must be a JSON object of strings.");
            }
            metadata.put(field.getKey(), field.getValue().asText());
        }
        return metadata;
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
