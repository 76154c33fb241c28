package dev.cognate.userpool.oauth;

import dev.cognate.userpool.oauth.grant.GrantHandler;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST /oauth2/token} (RFC 6749 §3.2): the form is read strictly, the client authenticated
 * ({@link OAuthClientAuthenticator}), then the {@code grant_type}'s {@link GrantHandler} mints the tokens. Every answer
 * is JSON and {@code no-store}; errors are RFC 6749 §5.2's.
 */
@Path("/oauth2/token")
public class TokenResource {

    private final OAuthClientAuthenticator clients;
    private final Map<String, GrantHandler> grants;

    public TokenResource(OAuthClientAuthenticator clients, @All List<GrantHandler> grants) {
        this.clients = clients;
        this.grants = grants.stream().collect(Collectors.toMap(GrantHandler::grantType, Function.identity()));
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> token(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @Context HttpServerRequest request, byte[] body) {
        return Uni.createFrom().item(() -> FormParameters.parse(contentType, body))
                .chain(form -> {
                    String grantType = form.require("grant_type");
                    return clients.authenticate(authorization, form).chain(client -> {
                        GrantHandler grant = grants.get(grantType);
                        if (grant == null) {
                            throw OAuthException.unsupportedGrantType("The grant_type " + (grantType.matches("[\\w:.-]{1,64}") ? grantType
                                    : "given") + " is not supported.");
                        }
                        return grant.handle(client, form, CallerAddress.of(request));
                    });
                })
                .map(OAuthResponses::ok)
                .onFailure().recoverWithItem(OAuthResponses::failure);
    }
}
