package dev.cognate.userpool.oauth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.service.AppClientService;
import dev.cognate.userpool.token.AccessTokenVerifier;
import dev.cognate.userpool.token.AccessTokenVerifier.VerifiedAccessToken;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Locale;

/**
 * {@code GET} and {@code POST /oauth2/userInfo} (OpenID Connect Core §5.3): the user of a Bearer access token
 * (RFC 6750 §2.1) verified as for GetUser — signature, issuer, expiry, not revoked nor signed out — with {@code openid}
 * among its scopes, answered with {@link UserInfoClaims}. Errors per RFC 6750 §3: no token → 401 with a bare
 * {@code Bearer} challenge; a bad, expired or revoked token, or a deleted or disabled user → 401 {@code invalid_token}
 * (Cognito's description); no {@code openid} → 403 {@code insufficient_scope}.
 */
@Path("/oauth2/userInfo")
public class UserInfoResource {

    private static final String INVALID_TOKEN = "Access token is expired, disabled, or deleted, or the user has globally signed out.";

    private final AccessTokenVerifier verifier;
    private final AppClientService clients;

    public UserInfoResource(AccessTokenVerifier verifier, AppClientService clients) {
        this.verifier = verifier;
        this.clients = clients;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    private Uni<Response> userInfo(String authorization) {
        String token = bearerToken(authorization);
        if (token == null) {
            return Uni.createFrom().item(OAuthResponses.error(new OAuthException(401, "invalid_request",
                    "A Bearer access token is required.", "Bearer")));
        }
        return verifier.verifyWithUser(token, false)
                .onFailure(CognitoException.class).transform(invalid -> invalidToken())
                .chain(checked -> {
                    VerifiedAccessToken verified = checked.token();
                    if (!verified.scopes().contains("openid")) {
                        throw new OAuthException(403, "insufficient_scope", "The access token does not have the openid scope.",
                                "Bearer error=\"insufficient_scope\", error_description=\"The access token does not have the openid scope.\","
                                        + " scope=\"openid\"");
                    }
                    User user = checked.user().filter(User::enabled).orElseThrow(UserInfoResource::invalidToken);
                    return clients.findClient(verified.clientId())
                            .map(client -> client.orElseThrow(UserInfoResource::invalidToken))
                            .map(client -> UserInfoClaims.of(user, client, verified.scopes()));
                })
                .map(OAuthResponses::ok)
                .onFailure().recoverWithItem(OAuthResponses::failure);
    }

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.trim().split(" +", 2);
        return parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("bearer") && !parts[1].isBlank() ? parts[1].trim() : null;
    }

    private static OAuthException invalidToken() {
        return new OAuthException(401, "invalid_token", INVALID_TOKEN,
                "Bearer error=\"invalid_token\", error_description=\"" + INVALID_TOKEN + "\"");
    }
}
