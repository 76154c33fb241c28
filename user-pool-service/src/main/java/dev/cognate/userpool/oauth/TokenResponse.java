package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cognate.userpool.token.TokenIssuer;

/**
 * RFC 6749 §5.1's successful answer as Cognito gives it: {@code id_token} only when {@code openid} was granted,
 * {@code refresh_token} only when one is issued (a code grant, or a refresh with rotation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id_token", "access_token", "refresh_token", "expires_in", "token_type"})
public record TokenResponse(@JsonProperty("id_token") String idToken,
                            @JsonProperty("access_token") String accessToken,
                            @JsonProperty("refresh_token") String refreshToken,
                            @JsonProperty("expires_in") long expiresIn,
                            @JsonProperty("token_type") String tokenType) {

    public static TokenResponse of(TokenIssuer.Minted minted, String refreshToken) {
        return new TokenResponse(minted.idToken(), minted.accessToken(), refreshToken, minted.expiresIn(), "Bearer");
    }
}
