package dev.cognate.hostedui.web;

import dev.cognate.hostedui.oauth.AuthorizationRequest;
import dev.cognate.hostedui.oauth.OAuthRedirectException;
import dev.cognate.hostedui.service.HostedSessions;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;

/**
 * {@code GET/POST /oauth2/authorize}: the authorization code flow with PKCE, and the implicit flow for clients that
 * allow it. The client and the exact redirect URI are validated before anything else: until both are known good every
 * problem is shown on the error page; after, the browser goes back to the redirect URI with {@code error},
 * {@code state} and {@code iss} (in the fragment for the implicit flow). With a live session of the same pool (and no
 * {@code prompt=login}, {@code max_age} satisfied) a code — or the implicit flow's tokens — is issued at once;
 * otherwise the browser goes to {@code /login} with the request in the query, as Cognito's hosted UI does. No CORS:
 * browsers come here by navigation only.
 */
@Path("/oauth2/authorize")
public class AuthorizeEndpoint {

    private final AuthorizationFlow flow;
    private final HostedSessions sessions;

    public AuthorizeEndpoint(AuthorizationFlow flow, HostedSessions sessions) {
        this.flow = flow;
        this.sessions = sessions;
    }

    @GET
    public Uni<Response> authorize(@Context UriInfo uri, @CookieParam(HostedSessions.COOKIE) String sessionId) {
        return authorize(uri.getQueryParameters(), sessionId);
    }

    /** OIDC Core §3.1.2.1: the same request as a form post. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> authorizeByPost(MultivaluedMap<String, String> form,
                                         @CookieParam(HostedSessions.COOKIE) String sessionId) {
        return authorize(form, sessionId);
    }

    private Uni<Response> authorize(MultivaluedMap<String, String> parameters, String sessionId) {
        return flow.validate(parameters).chain(validated -> {
            AuthorizationRequest request = validated.request();
            return sessions.find(sessionId).chain(session -> {
                if (session.isPresent() && flow.allowsSingleSignOn(session.get(), request)) {
                    return flow.issueFromSession(request, session.get(), sessionId);
                }
                if (request.forbidsInteraction()) {
                    throw OAuthRedirectException.of(request, flow.issuer(request.userPoolId()), "login_required",
                            "the user is not signed in");
                }
                return Uni.createFrom().item(Response.status(Response.Status.FOUND)
                        .header("Location", request.pageUrl("/login",
                                request.loginHint() == null ? Map.of() : Map.of("login_hint", request.loginHint())))
                        .build());
            });
        });
    }
}
