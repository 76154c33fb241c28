package dev.cognate.userpool.federation.saml;

import dev.cognate.internalapi.FederationResponses;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a SAML response vouched for once every check passed: the subject's {@code NameID} (and its format), the
 * {@code SessionIndex} of the IdP's session (for sign-out), the assertion's attributes, and its ID and expiry for the
 * replay cache; {@code issuer} the IdP's entity id, which the response's {@code Issuer} was checked against.
 */
record VerifiedAssertion(String nameId, String nameIdFormat, String sessionIndex, Map<String, List<String>> attributes,
                         String assertionId, Instant notOnOrAfter, String issuer) {

    /**
     * The attributes as one string each, which {@code AttributeMapping} and the InboundFederation trigger read: a single
     * value as it is, several values joined as a bracketed, comma-separated list ({@code [a, b]}) — how Cognito shows a
     * multi-valued SAML attribute (a group list, for example) in a user attribute. An attribute without a value is "".
     */
    Map<String, String> joinedAttributes() {
        Map<String, String> joined = new LinkedHashMap<>();
        attributes.forEach((name, values) -> joined.put(name, values.size() == 1 ? values.get(0)
                : values.isEmpty() ? "" : "[" + String.join(", ", values) + "]"));
        return joined;
    }

    /**
     * {@code FederationResponses.SignedIn#providerSession}: what sign-out at the provider needs, and whether the provider
     * signs users out ({@code IDPSignout}), which tells hosted-ui-service's {@code /logout} to go through it.
     */
    Map<String, String> providerSession(boolean idpSignout) {
        Map<String, String> session = new LinkedHashMap<>();
        if (idpSignout) {
            session.put(FederationResponses.SignedIn.IDP_SIGNOUT, "true");
        }
        session.put(SamlLogouts.NAME_ID, nameId);
        if (nameIdFormat != null) {
            session.put(SamlLogouts.NAME_ID_FORMAT, nameIdFormat);
        }
        if (sessionIndex != null) {
            session.put(SamlLogouts.SESSION_INDEX, sessionIndex);
        }
        return session;
    }
}
