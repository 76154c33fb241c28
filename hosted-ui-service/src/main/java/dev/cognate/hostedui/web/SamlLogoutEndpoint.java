package dev.cognate.hostedui.web;

import dev.cognate.hostedui.service.FederationAttempts;
import dev.cognate.hostedui.service.HostedSession;
import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.UserPoolAccounts;
import dev.cognate.internalapi.FederationRequests;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code /saml2/logout}: a SAML provider's single logout answers here, by the redirect binding ({@code GET}, whose
 * signature covers the raw query, passed on as received) or the POST binding.
 * <ul>
 * <li>A LogoutResponse to the LogoutRequest that {@code /logout} started: user-pool-service checks it, and the browser
 * continues to where {@code /logout} was going (kept under the RelayState, taken once).</li>
 * <li>A LogoutRequest the provider started: the browser's session (of a sign-in through that provider) is ended and the
 * browser goes back to the provider with user-pool-service's LogoutResponse.</li>
 * </ul>
 * Whatever user-pool-service says of a LogoutResponse, Cognate's session is already ended, so the browser continues;
 * without a continuation it sees the "signed out" page.
 */
@Path("/saml2/logout")
public class SamlLogoutEndpoint {

    private static final Logger LOG = Logger.getLogger(SamlLogoutEndpoint.class);

    private final FederationAttempts attempts;
    private final HostedSessions sessions;
    private final UserPoolAccounts accounts;
    private final PageLocales locales;

    public SamlLogoutEndpoint(FederationAttempts attempts, HostedSessions sessions, UserPoolAccounts accounts, PageLocales locales) {
        this.attempts = attempts;
        this.sessions = sessions;
        this.accounts = accounts;
        this.locales = locales;
    }

    @GET
    public Uni<Response> redirectBinding(@Context UriInfo uri, @Context HttpHeaders headers,
                                         @CookieParam(HostedSessions.COOKIE) String sessionId) {
        var query = uri.getQueryParameters();
        return answer(query.getFirst("SAMLResponse"), query.getFirst("SAMLRequest"), query.getFirst("RelayState"),
                uri.getRequestUri().getRawQuery(), uri, headers, sessionId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> postBinding(@FormParam("SAMLResponse") String samlResponse, @FormParam("SAMLRequest") String samlRequest,
                                     @FormParam("RelayState") String relayState, @Context UriInfo uri,
                                     @Context HttpHeaders headers, @CookieParam(HostedSessions.COOKIE) String sessionId) {
        return answer(samlResponse, samlRequest, relayState, null, uri, headers, sessionId);
    }

    private Uni<Response> answer(String samlResponse, String samlRequest, String relayState, String rawQuery, UriInfo uri,
                                 HttpHeaders headers, String sessionId) {
        if ((samlResponse == null) == (samlRequest == null)) {
            return Uni.createFrom().failure(new PageException(PageError.BAD_REQUEST));
        }
        var message = new FederationRequests.SamlLogoutMessage(samlResponse, samlRequest, relayState, rawQuery,
                FederationFlow.baseUrl(uri));
        if (samlResponse != null) {
            return attempts.takeSignOut(relayState).chain(signOut -> signOut.isEmpty() ? signedOutPage(headers)
                    : accounts.callFederation("saml-logout-response", client -> client.samlLogoutResponse(signOut.get().clientId(), message))
                            .onFailure().recoverWithItem(failure -> {
                                LOG.warnf("the identity provider's LogoutResponse was not accepted; the session was already ended: %s", failure.toString());
                                return null;
                            })
                            .map(ignored -> seeOther(signOut.get().location())));
        }
        // A LogoutRequest of the provider: the session it names must be this browser's, of a sign-in through a provider.
        return sessions.find(sessionId).chain(session -> {
            Optional<HostedSession> federated = session.filter(found -> found.clientId() != null && found.providerName() != null);
            if (federated.isEmpty()) {
                return Uni.createFrom().failure(new PageException(PageError.BAD_REQUEST));
            }
            return accounts.callFederation("saml-logout-request", client -> client.samlLogoutResponse(federated.get().clientId(), message))
                    .chain(loggedOut -> sessions.end(sessionId).map(ignored -> {
                        if (loggedOut == null || !FederationFlow.isHttpUrl(loggedOut.redirectToProvider())) {
                            throw new PageException(PageError.BAD_REQUEST);
                        }
                        return Response.status(Response.Status.FOUND).header("Location", loggedOut.redirectToProvider())
                                .cookie(Cookies.cleared(HostedSessions.COOKIE)).build();
                    }));
        });
    }

    private Uni<Response> signedOutPage(HttpHeaders headers) {
        Locale locale = locales.resolve(null, PageRequests.acceptLanguage(headers));
        return Uni.createFrom().item(Response.ok(Templates.signedOut(locale.toLanguageTag()).setLocale(locale).render(), ErrorPages.HTML)
                .cookie(Cookies.cleared(HostedSessions.COOKIE)).build());
    }

    private static Response seeOther(String location) {
        return Response.status(Response.Status.FOUND).header("Location", location).build();
    }
}
