package dev.cognate.userpool.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A federated identity provider of a pool as the API shows it ({@code IdentityProviderType}), secrets
 * included: the repository stores {@link #SECRET_DETAILS} sealed, apart from the other details.
 */
public record IdentityProvider(String userPoolId, String providerName, String providerType, Map<String, String> providerDetails,
                               Map<String, String> attributeMapping, List<String> idpIdentifiers,
                               Instant creationDate, Instant lastModifiedDate) {

    /** The ProviderDetails members that are secrets. */
    public static final Set<String> SECRET_DETAILS = Set.of("client_secret", "private_key");

    public IdentityProvider {
        providerDetails = providerDetails == null ? Map.of() : Map.copyOf(providerDetails);
        attributeMapping = attributeMapping == null ? Map.of() : Map.copyOf(attributeMapping);
        idpIdentifiers = idpIdentifiers == null ? List.of() : List.copyOf(idpIdentifiers);
    }

    /**
     * ProviderDetails Cognito derives and shows but never takes from a request ({@code action/DerivedProviderDetails}):
     * dropped from Create/UpdateIdentityProvider requests, so a Describe answer given back to Update changes nothing.
     */
    public static final Set<String> READ_ONLY_DETAILS = Set.of("ActiveEncryptionCertificate", "SSORedirectBindingURI",
            "SLORedirectBindingURI", "attributes_url_add_attributes");

    /**
     * What a social provider's answers show of its endpoints, which Cognate takes from its configuration
     * ({@code cognate.federation.<provider>.*}), never from the provider's details: read-only for these types.
     */
    public static final Set<String> SOCIAL_DERIVED_DETAILS = Set.of("authorize_url", "token_url", "attributes_url", "jwks_uri",
            "oidc_issuer", "token_request_method");

    private static final Set<String> SOCIAL_TYPES = Set.of("Google", "Facebook", "LoginWithAmazon", "SignInWithApple");

    /** The {@code AttributeMapping} key naming the provider attribute a federated user's name comes from. */
    public static final String USERNAME_MAPPING = "username";

    /**
     * The provider attribute Cognito names a federated user by ({@code {ProviderName}_{value}}), per provider type, as
     * the developer guide's attribute-mapping table lists it; a SAML provider's users are named by their NameID, which is
     * no attribute, so SAML has none.
     */
    private static final Map<String, String> USERNAME_SOURCES = Map.of("OIDC", "sub", "Google", "sub", "SignInWithApple", "sub",
            "Facebook", "id", "LoginWithAmazon", "user_id");

    /** The attribute this provider's users are named by; empty for SAML. */
    public Optional<String> usernameSource() {
        return Optional.ofNullable(USERNAME_SOURCES.get(providerType));
    }

    /**
     * This provider with Cognito's default {@code username} mapping (its {@link #usernameSource()}) when its mapping
     * has none: Cognito adds it at CreateIdentityProvider and shows it in every answer.
     */
    public IdentityProvider withDefaultUsernameMapping() {
        Optional<String> source = usernameSource();
        if (source.isEmpty() || attributeMapping.containsKey(USERNAME_MAPPING)) {
            return this;
        }
        Map<String, String> mapping = new HashMap<>(attributeMapping);
        mapping.put(USERNAME_MAPPING, source.get());
        return new IdentityProvider(userPoolId, providerName, providerType, providerDetails, mapping, idpIdentifiers, creationDate, lastModifiedDate);
    }

    /** Authenticated data binding a sealed value to its provider, so a ciphertext copied to another row does not open. */
    public static String cipherContext(String userPoolId, String providerName) {
        return "identity-provider:" + userPoolId + "/" + providerName;
    }

    /**
     * {@code details} without the read-only members a client may send back from a Describe answer: the
     * {@link #READ_ONLY_DETAILS}, and for a social provider the {@link #SOCIAL_DERIVED_DETAILS}.
     */
    public static Map<String, String> withoutReadOnly(String providerType, Map<String, String> details) {
        if (details == null) {
            return null;
        }
        Map<String, String> writable = new HashMap<>(details);
        writable.keySet().removeAll(READ_ONLY_DETAILS);
        if (SOCIAL_TYPES.contains(providerType)) {
            writable.keySet().removeAll(SOCIAL_DERIVED_DETAILS);
        }
        return writable;
    }

    /** The provider after an UpdateIdentityProvider: each member the request gives replaces the stored one. */
    public IdentityProvider updatedWith(Map<String, String> details, Map<String, String> mapping, List<String> identifiers, Instant now) {
        return new IdentityProvider(userPoolId, providerName, providerType,
                details != null ? withoutReadOnly(providerType, details) : providerDetails,
                mapping != null ? mapping : attributeMapping,
                identifiers != null ? identifiers : idpIdentifiers,
                creationDate, now);
    }
}
