package dev.cognate.userpool.federation.saml;

import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Constants;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * java-saml's settings for one pool, one provider and one login domain: the pool as service provider (entity id
 * {@code urn:amazon:cognito:sp:{poolId}}, ACS {@code {hostedUiBaseUrl}/saml2/idpresponse}, SLO
 * {@code {hostedUiBaseUrl}/saml2/logout}) and the provider as its metadata describes it. Strict: java-saml checks the
 * signature (over the response or the assertion, by one of the metadata's certificates; unsigned is refused), the
 * issuer, the audience, the destination and recipient, {@code NotBefore}/{@code NotOnOrAfter} (with its 180 s of
 * clock drift), {@code InResponseTo}, the schema, one assertion only and the signed elements' references (the XML
 * signature wrapping checks). SHA-1 signatures are refused.
 *
 * <p>java-saml knows one SP key: it is the <em>encryption</em> key here (it decrypts assertions); the signing key signs the
 * HTTP-Redirect messages in {@link RedirectBinding}, outside java-saml.
 */
final class SamlSettings {

    static final String ACS_PATH = "/saml2/idpresponse";
    static final String LOGOUT_PATH = "/saml2/logout";

    private SamlSettings() {
    }

    static String spEntityId(String userPoolId) {
        return "urn:amazon:cognito:sp:" + userPoolId;
    }

    static String acsUrl(String hostedUiBaseUrl) {
        return stripSlash(hostedUiBaseUrl) + ACS_PATH;
    }

    static String logoutUrl(String hostedUiBaseUrl) {
        return stripSlash(hostedUiBaseUrl) + LOGOUT_PATH;
    }

    static Saml2Settings of(String userPoolId, String hostedUiBaseUrl, SpCredentials sp, IdpMetadata idp,
                            SamlProviderDetails details) {
        Map<String, Object> values = new HashMap<>(idp.settingsValues());
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, spEntityId(userPoolId));
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, acsUrl(hostedUiBaseUrl));
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_POST);
        values.put(SettingsBuilder.SP_SINGLE_LOGOUT_SERVICE_URL_PROPERTY_KEY, logoutUrl(hostedUiBaseUrl));
        values.put(SettingsBuilder.SP_SINGLE_LOGOUT_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_REDIRECT);
        values.put(SettingsBuilder.SP_NAMEIDFORMAT_PROPERTY_KEY, Constants.NAMEID_PERSISTENT);
        values.put(SettingsBuilder.SP_X509CERT_PROPERTY_KEY, sp.encryptionCertificate());
        values.put(SettingsBuilder.SP_PRIVATEKEY_PROPERTY_KEY, sp.encryptionKey());
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_ENCRYPTED, details.encryptedResponses());
        // Either the response or the assertion must be signed (java-saml refuses a response with neither): Cognito
        // accepts both placements, so neither is demanded on its own.
        values.put(SettingsBuilder.SECURITY_WANT_MESSAGES_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_NAMEID, true);
        values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, true);
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        values.put(SettingsBuilder.SECURITY_REJECT_UNSOLICITED_RESPONSES_WITH_INRESPONSETO, true);
        values.put(SettingsBuilder.SECURITY_SIGNATURE_ALGORITHM, Constants.RSA_SHA256);
        values.put(SettingsBuilder.SECURITY_DIGEST_ALGORITHM, Constants.SHA256);
        values.put(SettingsBuilder.UNIQUE_ID_PREFIX_PROPERTY_KEY, "_");
        Saml2Settings settings = new SettingsBuilder().fromValues(values).build();
        // Cognito's AuthnRequest asks for no particular authentication context.
        settings.setRequestedAuthnContext(List.of());
        return settings;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
