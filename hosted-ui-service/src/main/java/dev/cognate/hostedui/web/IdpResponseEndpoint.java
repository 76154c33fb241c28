package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.service.FederationAttempts;
import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.UserPoolAccounts;
import dev.cognate.internalapi.FederationRequests;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /oauth2/idpresponse}: where OIDC and social providers send the browser back ({@code GET} with the query, or
 * {@code POST} for Sign in with Apple's {@code form_post}). The attempt of the browser's
 * {@value FederationAttempts#COOKIE} cookie is taken (single use), every parameter goes to user-pool-service, which
 * checks {@code state} against the attempt and runs the code exchange; its signed-in user completes the attempt's
 * authorization request. Without a live attempt (no cookie, expired, already used) nothing is sent anywhere: the error
 * page.
 */
@Path("/oauth2/idpresponse")
public class IdpResponseEndpoint {

    private final FederationFlow federation;
    private final FederationAttempts attempts;
    private final UserPoolAccounts accounts;

    public IdpResponseEndpoint(FederationFlow federation, FederationAttempts attempts, UserPoolAccounts accounts) {
        this.federation = federation;
        this.attempts = attempts;
        this.accounts = accounts;
    }

    @GET
    public Uni<Response> callback(@Context UriInfo uri, @Context HttpServerRequest http,
                                  @CookieParam(FederationAttempts.COOKIE) String federationId,
                                  @CookieParam(HostedSessions.COOKIE) String sessionId) {
        return callback(uri.getQueryParameters(), uri, http, federationId, sessionId);
    }

    /** Sign in with Apple's {@code response_mode=form_post}: the same parameters as a cross-site form post. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> formPost(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context HttpServerRequest http,
                                  @CookieParam(FederationAttempts.COOKIE) String federationId,
                                  @CookieParam(HostedSessions.COOKIE) String sessionId) {
        return callback(form, uri, http, federationId, sessionId);
    }

    private Uni<Response> callback(MultivaluedMap<String, String> parameters, UriInfo uri, HttpServerRequest http,
                                   String federationId, String sessionId) {
        return attempts.take(federationId).chain(found -> {
            if (found.isEmpty()) {
                throw new PageException(PageError.FEDERATION_EXPIRED);
            }
            var attempt = found.get();
            var request = attempt.request();
            for (var entry : parameters.entrySet()) {
                if (entry.getValue().size() > 1) {
                    return Uni.createFrom().item(federation.refused(request, "invalid_request", "duplicate parameter " + entry.getKey()));
                }
            }
            Map<String, String> received = new LinkedHashMap<>();
            parameters.forEach((name, values) -> received.put(name, values.isEmpty() || values.get(0) == null ? "" : values.get(0)));
            return accounts.callFederation("oidc-callback", client -> client.oidcCallback(request.clientId(),
                            new FederationRequests.OidcCallback(received, federationId, FederationFlow.baseUrl(uri),
                                    PageRequests.ipAddress(http))))
                    .chain(signedIn -> federation.complete(request, attempt.providerName(), federationId, signedIn, sessionId))
                    .onFailure(CognitoErrorException.class).recoverWithItem(refused -> federation.refused(request,
                            FederationFlow.errorCode(first(parameters, "error")), refused.getMessage()));
        });
    }

    private static String first(MultivaluedMap<String, String> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
