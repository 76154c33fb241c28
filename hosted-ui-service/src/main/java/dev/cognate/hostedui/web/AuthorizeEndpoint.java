package dev.cognate.hostedui.web;

import dev.cognate.hostedui.service.AppClientDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /oauth2/authorize}. The client and the exact redirect URI are validated before anything else: until
 * both are known good, every problem is shown on the error page and nothing redirects (RFC 6749 §4.1.2.1,
 * RFC 9700). The redirect to the sign-in page comes with the sign-in flow; until then a valid request gets 501.
 */
@Path("/oauth2/authorize")
public class AuthorizeEndpoint {

    private final AppClientDirectory clients;

    public AuthorizeEndpoint(AppClientDirectory clients) {
        this.clients = clients;
    }

    @GET
    public Uni<Response> authorize(@QueryParam("client_id") String clientId,
                                   @QueryParam("redirect_uri") String redirectUri) {
        if (clientId == null || clientId.isBlank()) {
            throw new PageException(PageError.MISSING_CLIENT_ID);
        }
        return clients.find(clientId).map(client -> {
            if (redirectUri == null || redirectUri.isBlank()) {
                throw new PageException(PageError.MISSING_REDIRECT_URI);
            }
            if (!client.allowsRedirectUri(redirectUri)) {
                throw new PageException(PageError.REDIRECT_MISMATCH);
            }
            throw new PageException(PageError.NOT_YET_AVAILABLE);
        });
    }
}
