package dev.cognate.hostedui.web;

import dev.cognate.hostedui.oauth.AuthorizationRequest;
import dev.cognate.hostedui.oauth.OAuthRedirectException;
import dev.cognate.hostedui.service.HostedSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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
 * otherwise the browser goes to {@code /login} with the request in the query, as Cognito's hosted UI does. A request
 * naming an upstream provider ({@code identity_provider}, {@code idp_identifier}) goes straight to it
 * ({@link FederationFlow#start}). No CORS:
 * browsers come here by navigation only.
 */
@Path("/oauth2/authorize")
public class AuthorizeEndpoint {

    private final AuthorizationFlow flow;
    private final HostedSessions sessions;
    private final FederationFlow federation;

    public AuthorizeEndpoint(AuthorizationFlow flow, HostedSessions sessions, FederationFlow federation) {
        this.flow = flow;
        this.sessions = sessions;
        this.federation = federation;
    }

    @GET
    public Uni<Response> authorize(@Context UriInfo uri, @Context HttpServerRequest http,
                                   @CookieParam(HostedSessions.COOKIE) String sessionId) {
        return authorize(uri.getQueryParameters(), uri, http, sessionId);
    }

    /** OIDC Core §3.1.2.1: the same request as a form post. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> authorizeByPost(MultivaluedMap<String, String> form, @Context UriInfo uri,
                                         @Context HttpServerRequest http,
                                         @CookieParam(HostedSessions.COOKIE) String sessionId) {
        return authorize(form, uri, http, sessionId);
    }

    private Uni<Response> authorize(MultivaluedMap<String, String> parameters, UriInfo uri, HttpServerRequest http,
                                    String sessionId) {
        return flow.validate(parameters).chain(validated -> {
            AuthorizationRequest request = validated.request();
            if (request.federated()) {
                // Cognito: identity_provider / idp_identifier "silently redirects your user to the sign-in page for that
                // identity provider" — the provider keeps its own single sign-on; prompt=none cannot promise no page there.
                if (request.forbidsInteraction()) {
                    throw OAuthRedirectException.of(request, flow.issuer(request.userPoolId()), "login_required",
                            "the user must sign in at the identity provider");
                }
                return federation.start(request, uri, http);
            }
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
