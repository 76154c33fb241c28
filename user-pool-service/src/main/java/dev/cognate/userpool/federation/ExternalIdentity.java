package dev.cognate.userpool.federation;

import dev.cognate.userpool.domain.IdentityProvider;

import java.util.Map;

/**
 * A user an identity provider vouched for, after every protocol check passed (signature, issuer, audience, expiry,
 * {@code nonce}, {@code InResponseTo}, replay): what the OIDC, social and SAML engines hand to {@link FederatedSignIn}.
 *
 * @param provider   the pool's provider it came through (its {@code AttributeMapping} applies)
 * @param subject    the provider's stable id of the user: OIDC/Google/Apple {@code sub}, Facebook {@code id}, Login with
 *                   Amazon {@code user_id}, SAML {@code NameID}; the federated user is {@code {ProviderName}_{subject}}
 * @param attributes the provider's attributes by the provider's names, which {@code AttributeMapping} reads: the ID
 *                   token's claims and the userInfo answer merged (userInfo wins), or the SAML assertion's attributes
 *                   (several values joined as Cognito joins them); non-string values as their JSON text
 * @param inbound    the provider's answer as the InboundFederation trigger receives it
 * @param issuer     what Cognito records as the identity's {@code issuer} in {@code identities}: a SAML IdP's entity id
 *                   (the assertion's verified {@code Issuer}); null for OIDC and social providers, as Cognito shows them
 */
public record ExternalIdentity(IdentityProvider provider, String subject, Map<String, String> attributes,
                               InboundFederationAttributes inbound, String issuer) {

    /** An identity without an {@code issuer} (OIDC and social providers). */
    public ExternalIdentity(IdentityProvider provider, String subject, Map<String, String> attributes, InboundFederationAttributes inbound) {
        this(provider, subject, attributes, inbound, null);
    }

    public ExternalIdentity {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        inbound = inbound == null ? InboundFederationAttributes.NONE : inbound;
    }

    /**
     * The InboundFederation trigger's {@code request.attributes}: for OIDC and social providers {@code tokenResponse}
     * (the token endpoint's answer), {@code idToken} (its claims) and {@code userInfo}; for SAML {@code samlResponse}
     * (the assertion's attributes). Absent members are null and left out of the event.
     */
    public record InboundFederationAttributes(Map<String, String> tokenResponse, Map<String, String> idToken,
                                              Map<String, String> userInfo, Map<String, String> samlResponse) {

        public static final InboundFederationAttributes NONE = new InboundFederationAttributes(null, null, null, null);

        @Override
        public String toString() {
            // tokenResponse holds the provider's tokens: never logged
            return "InboundFederationAttributes[...]";
        }
    }
}
