package dev.cognate.userpool.validation;

import dev.cognate.awsprotocol.CognitoException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ProviderDetails must hold for each ProviderType, as the Cognito developer guide lists it. Only what is
 * given is stored: Cognito derives endpoints (authorize_url, token_url, attributes_url, jwks_uri) by OIDC
 * discovery, Cognate makes no network call when a provider is created.
 */
public final class ProviderDetailsRules {

    private static final List<String> SOCIAL = List.of("client_id", "client_secret", "authorize_scopes");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "Google", SOCIAL,
            "Facebook", SOCIAL,
            "LoginWithAmazon", SOCIAL,
            "SignInWithApple", List.of("client_id", "team_id", "key_id", "private_key", "authorize_scopes"),
            "OIDC", List.of("client_id", "authorize_scopes", "oidc_issuer", "attributes_request_method"));
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private ProviderDetailsRules() {
    }

    public static void check(String providerType, Map<String, String> details) {
        if ("SAML".equals(providerType)) {
            checkSaml(details);
            return;
        }
        for (String key : REQUIRED.getOrDefault(providerType, List.of())) {
            String value = details.get(key);
            if (value == null || value.isBlank()) {
                throw CognitoException.invalidParameter(key + " is required for an identity provider of type " + providerType + ".");
            }
        }
        if ("OIDC".equals(providerType)) {
            String method = details.get("attributes_request_method");
            if (!"GET".equals(method) && !"POST".equals(method)) {
                throw CognitoException.invalidParameter("attributes_request_method must be GET or POST.");
            }
            for (String key : List.of("oidc_issuer", "authorize_url", "token_url", "attributes_url", "jwks_uri")) {
                if (details.containsKey(key) && !isWebUrl(details.get(key))) {
                    throw CognitoException.invalidParameter(key + " must be an https URL.");
                }
            }
        }
    }

    private static void checkSaml(Map<String, String> details) {
        String url = details.get("MetadataURL");
        String file = details.get("MetadataFile");
        if ((url == null) == (file == null)) {
            throw CognitoException.invalidParameter("Exactly one of MetadataURL or MetadataFile is required for a SAML identity provider.");
        }
        if (url != null && !isWebUrl(url)) {
            throw CognitoException.invalidParameter("MetadataURL must be an https URL.");
        }
        if (file != null && file.isBlank()) {
            throw CognitoException.invalidParameter("MetadataFile must not be empty.");
        }
        // The switches the SAML engine runs (federation/saml): a value it would not understand is refused, not ignored.
        for (String key : List.of("IDPInit", "IDPSignout", "EncryptedResponses")) {
            String value = details.get(key);
            if (value != null && !"true".equals(value) && !"false".equals(value)) {
                throw CognitoException.invalidParameter(key + " must be true or false.");
            }
        }
        String signing = details.get("RequestSigningAlgorithm");
        if (signing != null && !"rsa-sha256".equals(signing)) {
            throw CognitoException.invalidParameter("RequestSigningAlgorithm must be rsa-sha256.");
        }
    }

    /** https, or http on this machine (a local test provider), as for callback URLs. */
    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null) {
                return false;
            }
            return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && LOCAL_HOSTS.contains(uri.getHost());
        } catch (Exception e) {
            return false;
        }
    }
}
