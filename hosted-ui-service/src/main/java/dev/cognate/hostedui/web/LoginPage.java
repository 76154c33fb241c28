package dev.cognate.hostedui.web;

import dev.cognate.hostedui.service.AppClientDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /login}: Cognito's sign-in page. This slice validates the app client only; the form itself comes
 * with the sign-in flow, so a known client is told honestly that the page is not available yet (501).
 */
@Path("/login")
public class LoginPage {

    private final AppClientDirectory clients;

    public LoginPage(AppClientDirectory clients) {
        this.clients = clients;
    }

    @GET
    public Uni<Response> show(@QueryParam("client_id") String clientId) {
        if (clientId == null || clientId.isBlank()) {
            throw new PageException(PageError.MISSING_CLIENT_ID);
        }
        return clients.find(clientId).map(client -> {
            throw new PageException(PageError.NOT_YET_AVAILABLE);
        });
    }
}
