package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.oauth.AuthorizationRequest;
import dev.cognate.hostedui.oauth.OAuthRedirectException;
import dev.cognate.hostedui.service.FederationAttempts;
import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.UserPoolAccounts;
import dev.cognate.hostedui.service.UserPoolUnavailableException;
import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.FederationResponses;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * The hosted login's side of a federated sign-in. user-pool-service runs the upstream protocol (it holds the providers'
 * secrets and the SAML keys); this side only moves the browser: it keeps the validated authorization request under a
 * fresh {@code federationId} bound to the browser by the {@value FederationAttempts#COOKIE} cookie, sends the browser to
 * the provider, and when the provider's answer has been accepted completes the sign-in as a password would (new
 * session, code or tokens, redirect to the client's validated redirect URI). A refused answer goes back to that
 * redirect URI with {@code error} and {@code error_description} (Cognito's federation errors, {@code invalid_request}
 * unless the provider sent a standard error of its own); an answer without a known request shows the error page. The
 * browser is only ever sent to a redirect URI validated against the client, or to where user-pool-service says the
 * provider is.
 */
@ApplicationScoped
public class FederationFlow {

    /** Errors an authorization server may send back (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6): passed on as they are. */
    private static final Set<String> PROVIDER_ERRORS = Set.of("invalid_request", "unauthorized_client", "access_denied",
            "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable", "interaction_required",
            "login_required", "account_selection_required", "consent_required", "invalid_request_uri",
            "invalid_request_object", "request_not_supported", "request_uri_not_supported", "registration_not_supported");

    private static final Logger LOG = Logger.getLogger(FederationFlow.class);

    private final AuthorizationFlow flow;
    private final FederationAttempts attempts;
    private final UserPoolAccounts accounts;

    public FederationFlow(AuthorizationFlow flow, FederationAttempts attempts, UserPoolAccounts accounts) {
        this.flow = flow;
        this.attempts = attempts;
        this.accounts = accounts;
    }

    /**
     * The public base URL the browser used ({@code https://auth.example.com}): the provider calls back under it. Behind a
     * trusted proxy Quarkus takes scheme and host from its {@code X-Forwarded-*} headers.
     */
    static String baseUrl(UriInfo uri) {
        URI base = uri.getBaseUri();
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    /**
     * {@code /oauth2/authorize} naming an upstream provider: the request is kept under a new attempt, the browser goes
     * to the provider (302) with the attempt's cookie. user-pool-service refusing the start (the provider was deleted,
     * its settings are unusable) sends the browser back to the client with the error.
     */
    public Uni<Response> start(AuthorizationRequest request, UriInfo uri, HttpServerRequest http) {
        String provider = request.identityProvider();
        return attempts.start(request, provider).chain(federationId -> accounts
                .callFederation("federation-start", client -> client.startFederation(request.clientId(),
                        new FederationRequests.Start(provider, federationId, baseUrl(uri), PageRequests.ipAddress(http))))
                .map(redirect -> {
                    if (redirect == null || !isHttpUrl(redirect.location())) {
                        throw new UserPoolUnavailableException("federation/start answered no http(s) location", null);
                    }
                    return Response.status(Response.Status.FOUND).header("Location", redirect.location())
                            .cookie(Cookies.crossSite(FederationAttempts.COOKIE, federationId, attempts.ttl())).build();
                })
                .onFailure(CognitoErrorException.class).recoverWithItem(refused ->
                        refused(request, "invalid_request", refused.getMessage())));
    }

    /**
     * The provider's answer was accepted: {@code signedIn} must belong to {@code federationId}'s attempt (null for an
     * IdP-initiated SAML sign-in); then the sign-in ends as any other, the provider and its session kept with the
     * hosted session for the sign-out.
     */
    public Uni<Response> complete(AuthorizationRequest request, String expectedProvider, String federationId,
                                  FederationResponses.SignedIn signedIn, String previousSessionId) {
        if (signedIn == null || signedIn.signedIn() == null) {
            return Uni.createFrom().failure(new UserPoolUnavailableException("a federation route answered no signed-in user", null));
        }
        if (!Objects.equals(federationId, signedIn.federationId())
                || (expectedProvider != null && !expectedProvider.equals(signedIn.providerName()))) {
            LOG.warnf("user-pool-service answered a sign-in of another attempt or provider (%s) for client %s",
                    signedIn.providerName(), request.clientId());
            return Uni.createFrom().item(refused(request, "invalid_request", "the identity provider's answer belongs to another sign-in"));
        }
        var user = signedIn.signedIn();
        return flow.completeSignIn(request, user.sub(), user.username(), user.authTime(), previousSessionId,
                        new HostedSessions.FederatedSignIn(request.clientId(), signedIn.providerName(), signedIn.providerSession()))
                .map(FederationFlow::withAttemptCookieCleared);
    }

    /** Back to the client's validated redirect URI with the error (302), the attempt's cookie cleared. */
    public Response refused(AuthorizationRequest request, String error, String description) {
        String location = OAuthRedirectException.of(request, flow.issuer(request.userPoolId()), error,
                description == null || description.isBlank() ? "the identity provider's answer was refused" : description).location();
        return Response.status(Response.Status.FOUND).header("Location", location)
                .cookie(Cookies.clearedCrossSite(FederationAttempts.COOKIE)).build();
    }

    /** The {@code error} to send on: the provider's own when it sent a standard one, else {@code invalid_request}. */
    static String errorCode(String providerError) {
        return providerError != null && PROVIDER_ERRORS.contains(providerError) ? providerError : "invalid_request";
    }

    static Response withAttemptCookieCleared(Response response) {
        return Response.fromResponse(response).cookie(Cookies.clearedCrossSite(FederationAttempts.COOKIE)).build();
    }

    /** An absolute {@code http(s)} URL with a host: the only kind of location the browser is sent to from user-pool-service. */
    static boolean isHttpUrl(String location) {
        try {
            URI uri = URI.create(location);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return false;
        }
    }
}
