package dev.cognate.identitypool.login;

import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.xpath.XPathExpressionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * java-saml's Response, with reads of the bearer {@code SubjectConfirmationData} java-saml keeps to itself. Every read
 * goes through java-saml's {@code queryAssertion}, which addresses the assertion the signature references (by its ID),
 * never another {@code Assertion} an attacker wrapped around or beside it.
 */
final class SamlAssertion extends SamlResponse {

    /** A bearer {@code SubjectConfirmationData}: AWS requires both attributes. */
    record Confirmation(String recipient, Instant notOnOrAfter) {
    }

    SamlAssertion(Saml2Settings settings, String currentUrl, String base64Response) throws Exception {
        super(settings, currentUrl, base64Response);
    }

    /** The bearer confirmations of the (referenced) assertion's subject, in document order. */
    List<Confirmation> bearerConfirmations() throws XPathExpressionException {
        List<Confirmation> confirmations = new ArrayList<>();
        NodeList nodes = queryAssertion("/saml:Subject/saml:SubjectConfirmation");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element confirmation = (Element) nodes.item(i);
            if (!Constants.CM_BEARER.equals(confirmation.getAttribute("Method"))) {
                continue;
            }
            NodeList children = confirmation.getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                Node child = children.item(c);
                if (child instanceof Element data && "SubjectConfirmationData".equals(data.getLocalName())) {
                    Instant notOnOrAfter = data.hasAttribute("NotOnOrAfter")
                            ? Util.parseDateTime(data.getAttribute("NotOnOrAfter")).toDate().toInstant() : null;
                    confirmations.add(new Confirmation(data.hasAttribute("Recipient") ? data.getAttribute("Recipient") : null, notOnOrAfter));
                }
            }
        }
        return confirmations;
    }

    /** The {@code NotOnOrAfter} of the assertion's {@code Conditions}, or {@code null}. */
    Instant conditionsNotOnOrAfter() throws XPathExpressionException {
        NodeList nodes = queryAssertion("/saml:Conditions");
        if (nodes.getLength() == 0) {
            return null;
        }
        Element conditions = (Element) nodes.item(0);
        return conditions.hasAttribute("NotOnOrAfter") ? Util.parseDateTime(conditions.getAttribute("NotOnOrAfter")).toDate().toInstant() : null;
    }
}
