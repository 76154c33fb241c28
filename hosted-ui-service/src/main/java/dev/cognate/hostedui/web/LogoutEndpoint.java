package dev.cognate.hostedui.web;

import dev.cognate.hostedui.oauth.AuthorizationRequest;
import dev.cognate.hostedui.oauth.IdTokenHint;
import dev.cognate.hostedui.oauth.IdTokenHintVerifier;
import dev.cognate.hostedui.oauth.InvalidIdTokenHintException;
import dev.cognate.hostedui.service.HostedSessions;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /logout} ends the browser's hosted-UI session, in three forms:
 * <ul>
 * <li>Cognito's sign-out: {@code client_id} + {@code logout_uri} (exactly one of the client's LogoutURLs) → 302 there;</li>
 * <li>Cognito's sign-out and sign-in again: {@code client_id} + {@code redirect_uri} + {@code response_type} (+
 * {@code state}, {@code scope}...) → the sign-in page for that request;</li>
 * <li>OIDC RP-Initiated Logout 1.0: {@code id_token_hint} (verified against the pool's JWKS), {@code client_id}
 * (optional when the hint's {@code aud} names it), {@code post_logout_redirect_uri} (one of the LogoutURLs) and
 * {@code state} → 302 there with {@code state}, or a "signed out" page without a redirect URI.</li>
 * </ul>
 * Anything unregistered or invalid shows the error page and ends nothing. A session that came through a SAML provider
 * with {@code IDPSignout} is also ended there: the browser goes to the provider first, and {@code /saml2/logout}
 * continues to the validated URI.
 */
@Path("/logout")
public class LogoutEndpoint {

    private final AuthorizationFlow flow;
    private final HostedSessions sessions;
    private final IdTokenHintVerifier hints;
    private final PageLocales locales;
    private final ProviderSignOut providerSignOut;

    public LogoutEndpoint(AuthorizationFlow flow, HostedSessions sessions, IdTokenHintVerifier hints,
                          PageLocales locales, ProviderSignOut providerSignOut) {
        this.flow = flow;
        this.sessions = sessions;
        this.hints = hints;
        this.locales = locales;
        this.providerSignOut = providerSignOut;
    }

    @GET
    public Uni<Response> logout(@Context UriInfo uri, @Context HttpHeaders headers,
                                @CookieParam(HostedSessions.COOKIE) String sessionId) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (query.getFirst("id_token_hint") != null || query.getFirst("post_logout_redirect_uri") != null) {
            return rpInitiated(query, uri, headers, sessionId);
        }
        if (query.getFirst("logout_uri") != null) {
            String logoutUri = query.getFirst("logout_uri");
            return flow.client(query.getFirst("client_id")).chain(client -> {
                if (!client.allowsLogoutUri(logoutUri)) {
                    throw new PageException(PageError.LOGOUT_URI_MISMATCH);
                }
                return signOut(sessionId, client.clientId(), logoutUri, uri);
            });
        }
        if (query.getFirst("redirect_uri") != null) {
            return flow.validate(query).chain(validated ->
                    signOut(sessionId, validated.client().clientId(), validated.request().pageUrl("/login"), uri));
        }
        return flow.client(query.getFirst("client_id")).map(client -> {
            throw new PageException(PageError.MISSING_LOGOUT_URI);
        });
    }

    private Uni<Response> rpInitiated(MultivaluedMap<String, String> query, UriInfo uri, HttpHeaders headers, String sessionId) {
        String token = query.getFirst("id_token_hint");
        Uni<IdTokenHint> hint = token == null ? Uni.createFrom().nullItem()
                : hints.verify(token).onFailure(InvalidIdTokenHintException.class)
                        .transform(invalid -> new PageException(PageError.INVALID_ID_TOKEN_HINT));
        return hint.chain(verified -> {
            String clientId = query.getFirst("client_id");
            if (verified != null) {
                if (clientId == null && verified.audiences().size() == 1) {
                    clientId = verified.audiences().get(0);
                } else if (clientId != null && !verified.audiences().contains(clientId)) {
                    throw new PageException(PageError.INVALID_ID_TOKEN_HINT);
                }
            }
            String postLogoutRedirectUri = query.getFirst("post_logout_redirect_uri");
            if (clientId == null) {
                if (postLogoutRedirectUri != null) {
                    throw new PageException(PageError.MISSING_CLIENT_ID);
                }
                return signedOutPage(query, headers, sessionId);
            }
            return flow.client(clientId).chain(client -> {
                if (verified != null && !client.userPoolId().equals(verified.userPoolId())) {
                    throw new PageException(PageError.INVALID_ID_TOKEN_HINT);
                }
                if (postLogoutRedirectUri == null) {
                    return signedOutPage(query, headers, sessionId);
                }
                if (!client.allowsLogoutUri(postLogoutRedirectUri)) {
                    throw new PageException(PageError.LOGOUT_URI_MISMATCH);
                }
                return signOut(sessionId, client.clientId(), withState(postLogoutRedirectUri, query.getFirst("state")), uri);
            });
        });
    }

    /**
     * Ends the session and sends the browser to {@code location} — by way of the SAML provider the user signed in
     * through when it signs users out too ({@code IDPSignout}, {@link ProviderSignOut}).
     */
    private Uni<Response> signOut(String sessionId, String clientId, String location, UriInfo uri) {
        return sessions.find(sessionId).chain(session -> sessions.end(sessionId)
                .chain(() -> session.isPresent() && session.get().signsOutAtProvider()
                        ? providerSignOut.start(session.get(), clientId, location, FederationFlow.baseUrl(uri))
                        : Uni.createFrom().item(location))
                .map(next -> Response.status(Response.Status.FOUND)
                        .header("Location", next)
                        .cookie(Cookies.cleared(HostedSessions.COOKIE))
                        .build()));
    }

    private Uni<Response> signedOutPage(MultivaluedMap<String, String> query, HttpHeaders headers, String sessionId) {
        Locale locale = locales.resolve(query.getFirst("lang"), query.getFirst("ui_locales"),
                PageRequests.acceptLanguage(headers));
        return sessions.end(sessionId).map(ignored -> Response.ok(
                        Templates.signedOut(locale.toLanguageTag()).setLocale(locale).render(), ErrorPages.HTML)
                .cookie(Cookies.cleared(HostedSessions.COOKIE))
                .build());
    }

    private static String withState(String uri, String state) {
        if (state == null) {
            return uri;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("state", state);
        return uri + (uri.contains("?") ? "&" : "?") + AuthorizationRequest.query(parameters);
    }
}
