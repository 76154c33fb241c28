package dev.cognate.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** The answers of the federated sign-in routes ({@link InternalRoutes#FEDERATION_START} and after). */
public final class FederationResponses {

    private FederationResponses() {
    }

    /** Where the browser goes next: the provider's authorization or SSO/SLO endpoint, with every parameter in the URL. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Redirect(String location) {
    }

    /**
     * A federated sign-in that succeeded: the pool's user it signed in (the federated user {@code {Provider}_{subject}}, or
     * the native user it is linked to), the provider, the {@code federationId} of the attempt (null for an IdP-initiated
     * SAML sign-in: hosted-ui-service then takes the authorization request from the RelayState), and
     * {@code providerSession}: what a later sign-out at the provider needs (a SAML provider's {@code NameID} and
     * {@code SessionIndex}; empty for the others), opaque to hosted-ui-service, which keeps it with the browser's session,
     * but for {@link #IDP_SIGNOUT}.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignedIn(HostedLoginResponses.SignedInUser signedIn, String providerName, String federationId,
                           Map<String, String> providerSession) {

        /**
         * The member of {@code providerSession} that is {@code "true"} when the provider signs the user out too (a SAML
         * provider with {@code IDPSignout}): hosted-ui-service's {@code /logout} then goes through the provider.
         */
        public static final String IDP_SIGNOUT = "idpSignout";

        public SignedIn {
            providerSession = providerSession == null ? Map.of() : Map.copyOf(providerSession);
        }
    }

    /** {@link InternalRoutes#FEDERATION_SAML_LOGOUT_RESPONSE}: the provider confirmed (or asked for) the sign-out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LoggedOut(String relayState, String redirectToProvider) {
    }
}
