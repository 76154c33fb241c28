package dev.cognate.userpool.oauth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.service.TokenService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /oauth2/revoke} (RFC 7009, as Cognito): a refresh token's family — the refresh token and the access and
 * ID tokens issued from it — revoked through the same code as RevokeToken, the client authenticated as at
 * {@code /oauth2/token}. 200 with an empty body, also for a token that is unknown, already revoked or another client's
 * (which stays valid: RFC 7009 §2.2). Cognito's errors: {@code invalid_request} without {@code token} or when the client
 * has {@code EnableTokenRevocation} off, {@code unsupported_token_type} for a JWT (an access or ID token).
 */
@Path("/oauth2/revoke")
public class RevocationResource {

    private final OAuthClientAuthenticator clients;
    private final TokenService tokens;

    public RevocationResource(OAuthClientAuthenticator clients, TokenService tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    @POST
    public Uni<Response> revoke(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Context HttpServerRequest request, byte[] body) {
        return Uni.createFrom().item(() -> FormParameters.parse(contentType, body))
                .chain(form -> clients.authenticate(authorization, form).chain(client -> {
                    String token = form.require("token");
                    if (!client.client().config().tokenRevocationEnabled()) {
                        throw OAuthException.invalidRequest("Token revocation is not enabled for this client.");
                    }
                    if (token.chars().filter(c -> c == '.').count() == 2) {
                        throw new OAuthException(400, "unsupported_token_type", "Only refresh tokens can be revoked.", null);
                    }
                    return tokens.revokeRefreshToken(client.client(), token, CallerAddress.of(request))
                            // unknown or another client's token: nothing to revoke, and nothing to tell (RFC 7009 §2.2)
                            .onFailure(CognitoException.class).recoverWithNull();
                }))
                .map(revoked -> OAuthResponses.empty())
                .onFailure().recoverWithItem(OAuthResponses::failure);
    }
}
