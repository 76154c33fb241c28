package dev.cognate.userpool.federation.saml;

import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;
import dev.cognate.awsprotocol.CognitoException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The outside of a posted {@code SAMLResponse}, read before any check to know which request (and so which provider) it
 * claims to answer: its {@code InResponseTo} (absent: IdP-initiated). Nothing read here is trusted: the full validation
 * in {@link SamlAssertionConsumer} decides.
 */
record ResponseEnvelope(String inResponseTo) {

    /** Cognito's /saml2/idpresponse takes SAML responses of up to 100,000 characters. */
    static final int MAX_LENGTH = 100_000;

    static ResponseEnvelope read(String samlResponse) {
        if (samlResponse == null || samlResponse.isBlank()) {
            throw CognitoException.invalidParameter("SAMLResponse is required.");
        }
        if (samlResponse.length() > MAX_LENGTH) {
            throw CognitoException.invalidParameter("SAMLResponse is longer than " + MAX_LENGTH + " characters.");
        }
        byte[] xml;
        try {
            xml = Base64.getMimeDecoder().decode(samlResponse);
        } catch (IllegalArgumentException e) {
            throw SamlAssertionConsumer.invalid("the SAMLResponse is not base64");
        }
        Document document = Util.loadXML(new String(xml, StandardCharsets.UTF_8));
        if (document == null) {
            throw SamlAssertionConsumer.invalid("the SAMLResponse is not well-formed XML");
        }
        Element root = document.getDocumentElement();
        if (!Constants.NS_SAMLP.equals(root.getNamespaceURI()) || !"Response".equals(root.getLocalName())) {
            throw SamlAssertionConsumer.invalid("the SAMLResponse is not a SAML 2.0 Response");
        }
        String inResponseTo = root.getAttribute("InResponseTo");
        return new ResponseEnvelope(inResponseTo.isEmpty() ? null : inResponseTo);
    }
}
