package dev.cognate.userpool.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /** Authenticated data binding a sealed value to its provider, so a ciphertext copied to another row does not open. */
    public static String cipherContext(String userPoolId, String providerName) {
        return "identity-provider:" + userPoolId + "/" + providerName;
    }

    /** The provider after an UpdateIdentityProvider: each member the request gives replaces the stored one. */
    public IdentityProvider updatedWith(Map<String, String> details, Map<String, String> mapping, List<String> identifiers, Instant now) {
        return new IdentityProvider(userPoolId, providerName, providerType,
                details != null ? details : providerDetails,
                mapping != null ? mapping : attributeMapping,
                identifiers != null ? identifiers : idpIdentifiers,
                creationDate, now);
    }
}
