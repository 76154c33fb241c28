package dev.cognate.hostedui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code implicit-tokens}: the implicit flow's tokens, {@code id_token} null when {@code openid} was not
 * granted. Never a refresh token. Never logged: they go only into the redirect URI's fragment.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImplicitTokens(@JsonProperty("access_token") String accessToken,
                             @JsonProperty("id_token") String idToken,
                             @JsonProperty("token_type") String tokenType,
                             @JsonProperty("expires_in") long expiresIn) {

    @Override
    public String toString() {
        return "ImplicitTokens[token_type=" + tokenType + ", expires_in=" + expiresIn + "]";
    }
}
