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
 * <p>
 * Provider URLs ({@code oidc_issuer}, the endpoints, {@code MetadataURL}) must be {@code https://}, as in Cognito; with
 * {@code cognate.federation.allow-loopback-http} (the local stack, tests) also plain {@code http://} on this machine
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}), where a local provider runs.
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

    public static void check(String providerType, Map<String, String> details, boolean allowLoopbackHttp) {
        if ("SAML".equals(providerType)) {
            checkSaml(details, allowLoopbackHttp);
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
                if (details.containsKey(key) && !isProviderUrl(details.get(key), allowLoopbackHttp)) {
                    throw CognitoException.invalidParameter(key + " must be an https URL.");
                }
            }
        }
    }

    private static void checkSaml(Map<String, String> details, boolean allowLoopbackHttp) {
        String url = details.get("MetadataURL");
        String file = details.get("MetadataFile");
        if ((url == null) == (file == null)) {
            throw CognitoException.invalidParameter("Exactly one of MetadataURL or MetadataFile is required for a SAML identity provider.");
        }
        if (url != null && !isProviderUrl(url, allowLoopbackHttp)) {
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

    /**
     * A URL Cognate may call at an identity provider: https, or — when {@code allowLoopbackHttp} — plain http on this
     * machine; never with user info or a fragment.
     */
    public static boolean isProviderUrl(String value, boolean allowLoopbackHttp) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return false;
            }
            return "https".equals(uri.getScheme())
                    || allowLoopbackHttp && "http".equals(uri.getScheme()) && LOCAL_HOSTS.contains(uri.getHost());
        } catch (Exception e) {
            return false;
        }
    }
}
