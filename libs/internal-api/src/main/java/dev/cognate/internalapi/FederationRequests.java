package dev.cognate.internalapi;

import java.util.Map;

/**
 * The request bodies of the federated sign-in routes ({@link InternalRoutes#FEDERATION_START} and after), under
 * {@link InternalRoutes#HOSTED_LOGIN} for one app client.
 * <p>
 * {@code federationId} is an opaque random value hosted-ui-service made for one browser's attempt: it keeps the
 * authorization request under it and in a cookie of that browser. user-pool-service binds the upstream {@code state}
 * (or the SAML request's id) to it, and a callback whose {@code federationId} is not the one the attempt started with is
 * refused, so a response cannot be replayed into another browser (login CSRF). {@code hostedUiBaseUrl} is the pool's login
 * domain as the browser sees it ({@code https://auth.example.com}): the provider calls back to
 * {@code {hostedUiBaseUrl}/oauth2/idpresponse} or {@code /saml2/idpresponse}, and a callback must name the same base.
 * {@code ipAddress} is the browser's address, for the authentication events.
 */
public final class FederationRequests {

    private FederationRequests() {
    }

    /** {@link InternalRoutes#FEDERATION_START}: sign in at {@code providerName}, one of the client's SupportedIdentityProviders. */
    public record Start(String providerName, String federationId, String hostedUiBaseUrl, String ipAddress) {
    }

    /**
     * {@link InternalRoutes#FEDERATION_OIDC_CALLBACK}: every query (or, for Apple's {@code form_post}, form) parameter that
     * reached {@code /oauth2/idpresponse}, as received ({@code code}, {@code state}, {@code error},
     * {@code error_description}, Apple's {@code user}, ...); {@code federationId} from the browser's cookie, null when it
     * had none.
     */
    public record OidcCallback(Map<String, String> parameters, String federationId, String hostedUiBaseUrl, String ipAddress) {

        public OidcCallback {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        @Override
        public String toString() {
            return "OidcCallback[parameters=" + parameters.keySet() + "]";
        }
    }

    /**
     * {@link InternalRoutes#FEDERATION_SAML_RESPONSE}: the {@code SAMLResponse} and {@code RelayState} posted to
     * {@code /saml2/idpresponse}; {@code federationId} null when the browser had no attempt (IdP-initiated sign-in).
     */
    public record SamlResponse(String samlResponse, String relayState, String federationId, String hostedUiBaseUrl,
                               String ipAddress) {

        @Override
        public String toString() {
            return "SamlResponse[relayState=" + relayState + "]";
        }
    }

    /**
     * {@link InternalRoutes#FEDERATION_SAML_LOGOUT}: sign the browser's user out at the SAML provider it signed in with;
     * {@code providerSession} is what {@link FederationResponses.SignedIn#providerSession()} gave at sign-in.
     * {@code relayState} comes back with the provider's answer.
     */
    public record SamlLogout(String providerName, Map<String, String> providerSession, String hostedUiBaseUrl,
                             String relayState) {

        public SamlLogout {
            providerSession = providerSession == null ? Map.of() : Map.copyOf(providerSession);
        }
    }

    /**
     * {@link InternalRoutes#FEDERATION_SAML_LOGOUT_RESPONSE}: the {@code SAMLResponse} (a LogoutResponse) or
     * {@code SAMLRequest} (an IdP-initiated LogoutRequest) that reached {@code /saml2/logout}, with the query string as
     * received when it came by the redirect binding (its signature covers the raw query).
     */
    public record SamlLogoutMessage(String samlResponse, String samlRequest, String relayState, String rawQuery,
                                    String hostedUiBaseUrl) {
    }
}
