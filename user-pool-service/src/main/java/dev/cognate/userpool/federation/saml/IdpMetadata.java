package dev.cognate.userpool.federation.saml;

import com.onelogin.saml2.settings.SettingsBuilder;

import java.util.Map;

/**
 * What a SAML provider's metadata says, as java-saml's settings values ({@code onelogin.saml2.idp.*}: entity id, the
 * HTTP-Redirect SSO and SLO endpoints, every signing certificate): the IdP half of {@link SamlSettings}.
 */
record IdpMetadata(Map<String, Object> settingsValues) {

    IdpMetadata {
        settingsValues = Map.copyOf(settingsValues);
    }

    String entityId() {
        return text(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY);
    }

    /** The HTTP-Redirect SingleSignOnService, null when the metadata has none. */
    String singleSignOnUrl() {
        return text(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY);
    }

    /** The HTTP-Redirect SingleLogoutService, null when the metadata has none. */
    String singleLogoutUrl() {
        return text(SettingsBuilder.IDP_SINGLE_LOGOUT_SERVICE_URL_PROPERTY_KEY);
    }

    private String text(String key) {
        Object value = settingsValues.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
