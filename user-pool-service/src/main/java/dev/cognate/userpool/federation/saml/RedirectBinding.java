package dev.cognate.userpool.federation.saml;

import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;

/**
 * The SAML HTTP-Redirect binding (saml-bindings §3.4) for the messages the pool sends: the DEFLATE+base64 message as
 * {@code SAMLRequest} (or {@code SAMLResponse}), {@code RelayState}, and when signed {@code SigAlg} and {@code Signature} over exactly the query
 * octets sent ({@code SAMLRequest=…&RelayState=…&SigAlg=…}), RSA-SHA256 with the pool's signing key.
 */
final class RedirectBinding {

    private RedirectBinding() {
    }

    /** The IdP endpoint with the request in the query; {@code relayState} may be null; {@code signingKey} null: unsigned. */
    static String location(String endpoint, String encodedMessage, String relayState, PrivateKey signingKey) {
        return location(endpoint, "SAMLRequest", encodedMessage, relayState, signingKey);
    }

    /** The same for a message sent as {@code parameter} ({@code SAMLRequest} or {@code SAMLResponse}). */
    static String location(String endpoint, String parameter, String encodedMessage, String relayState, PrivateKey signingKey) {
        StringBuilder query = new StringBuilder(parameter).append('=').append(Util.urlEncoder(encodedMessage));
        if (relayState != null && !relayState.isEmpty()) {
            query.append("&RelayState=").append(Util.urlEncoder(relayState));
        }
        if (signingKey != null) {
            query.append("&SigAlg=").append(Util.urlEncoder(Constants.RSA_SHA256));
            try {
                byte[] signature = Util.sign(query.toString(), signingKey, Constants.RSA_SHA256);
                query.append("&Signature=").append(Util.urlEncoder(Util.base64encoder(signature)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign a SAML request", e);
            }
        }
        return endpoint + (endpoint.contains("?") ? "&" : "?") + query;
    }
}
