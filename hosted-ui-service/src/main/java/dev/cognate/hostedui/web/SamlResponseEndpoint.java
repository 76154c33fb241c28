package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.oauth.AuthorizationRequest;
import dev.cognate.hostedui.oauth.OAuthRedirectException;
import dev.cognate.hostedui.service.FederationAttempts;
import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.UserPoolAccounts;
import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.FederationResponses;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /saml2/idpresponse}, the assertion consumer service: a SAML provider posts {@code SAMLResponse} and
 * {@code RelayState} here (a cross-site form post, which carries the SameSite=None attempt cookie).
 * <ul>
 * <li>SP-initiated: the browser's attempt ({@value FederationAttempts#COOKIE}) is taken once and its {@code federationId}
 * goes to user-pool-service, which checks {@code InResponseTo} against it.</li>
 * <li>IdP-initiated (no live attempt, or user-pool-service answers no {@code federationId}): as Cognito documents,
 * {@code RelayState} holds the query one would have sent to {@code /oauth2/authorize}
 * ({@code identity_provider=...&client_id=...&redirect_uri=...&response_type=code&scope=...}); it is validated like any
 * authorization request (client, exact redirect URI, PKCE, scopes) and must name the provider that signed the
 * response. user-pool-service accepts an unsolicited response only from a provider with {@code IDPInit}.</li>
 * </ul>
 */
@Path("/saml2/idpresponse")
public class SamlResponseEndpoint {

    /** What the response completes: the request, the provider it must come from, and the attempt (null: IdP-initiated). */
    private record Target(AuthorizationRequest request, String providerName, String federationId) {
    }

    private final AuthorizationFlow flow;
    private final FederationFlow federation;
    private final FederationAttempts attempts;
    private final UserPoolAccounts accounts;

    public SamlResponseEndpoint(AuthorizationFlow flow, FederationFlow federation, FederationAttempts attempts,
                                UserPoolAccounts accounts) {
        this.flow = flow;
        this.federation = federation;
        this.attempts = attempts;
        this.accounts = accounts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> assertion(@FormParam("SAMLResponse") String samlResponse, @FormParam("RelayState") String relayState,
                                   @Context UriInfo uri, @Context HttpServerRequest http,
                                   @CookieParam(FederationAttempts.COOKIE) String federationId,
                                   @CookieParam(HostedSessions.COOKIE) String sessionId) {
        if (samlResponse == null || samlResponse.isBlank()) {
            return Uni.createFrom().failure(new PageException(PageError.BAD_REQUEST));
        }
        return attempts.take(federationId)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(new Target(found.get().request(), found.get().providerName(), federationId))
                        : fromRelayState(relayState))
                .chain(target -> accounts.callFederation("saml-response", client -> client.samlResponse(target.request().clientId(),
                                new FederationRequests.SamlResponse(samlResponse, relayState, target.federationId(),
                                        FederationFlow.baseUrl(uri), PageRequests.ipAddress(http))))
                        .chain(signedIn -> complete(target, signedIn, relayState, sessionId))
                        .onFailure(CognitoErrorException.class).recoverWithItem(refused ->
                                federation.refused(target.request(), "invalid_request", refused.getMessage())));
    }

    /**
     * user-pool-service accepted the response. An IdP-initiated answer ({@code federationId} null) to a browser that
     * also had an attempt completes the RelayState's request instead, if it is for the same client.
     */
    private Uni<Response> complete(Target target, FederationResponses.SignedIn signedIn, String relayState, String sessionId) {
        if (signedIn != null && signedIn.federationId() == null && target.federationId() != null) {
            return fromRelayState(relayState).chain(unsolicited -> {
                if (!unsolicited.request().clientId().equals(target.request().clientId())) {
                    throw new PageException(PageError.FEDERATION_UNSOLICITED);
                }
                return federation.complete(unsolicited.request(), unsolicited.providerName(), null, signedIn, sessionId);
            });
        }
        return federation.complete(target.request(), target.providerName(), target.federationId(), signedIn, sessionId);
    }

    /** The authorization request an IdP-initiated RelayState carries, validated; it must name an upstream provider. */
    private Uni<Target> fromRelayState(String relayState) {
        if (relayState == null || relayState.isBlank() || !relayState.contains("client_id=")) {
            return Uni.createFrom().failure(new PageException(PageError.FEDERATION_UNSOLICITED));
        }
        return flow.validate(parseQuery(relayState)).map(validated -> {
            AuthorizationRequest request = validated.request();
            if (!request.federated()) {
                throw OAuthRedirectException.of(request, flow.issuer(request.userPoolId()), "invalid_request",
                        "the RelayState of an IdP-initiated sign-in must name the identity provider");
            }
            return new Target(request, request.identityProvider(), null);
        });
    }

    /** An application/x-www-form-urlencoded query; a malformed escape makes the whole state unusable. */
    static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformed) {
                throw new PageException(PageError.FEDERATION_UNSOLICITED);
            }
        }
        return parameters;
    }
}
