package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.IdentityProvider;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Constraints and wire shapes of the identity provider actions, with the limits of the API reference. */
final class IdentityProviderRequests {

    /** CreateIdentityProvider's {@code ProviderName}: no underscore and no space at either end. */
    static final Pattern NEW_PROVIDER_NAME = Pattern.compile("[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+");
    /** {@code ProviderNameType} of the other actions. */
    static final Pattern PROVIDER_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\p{Z}]+");
    static final Pattern IDP_IDENTIFIER = Pattern.compile("[\\w\\s+=.@-]+");
    static final List<String> PROVIDER_TYPES = List.of("SAML", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple", "OIDC");
    /** Social providers whose name must be their type. */
    static final Set<String> SOCIAL_TYPES = Set.of("Facebook", "Google", "LoginWithAmazon", "SignInWithApple");
    static final int MAX_IDP_IDENTIFIERS = 50;
    static final int MAX_DETAIL_LENGTH = 131072;

    /** {@code IdentityProviderType}. */
    record IdentityProviderType(String userPoolId, String providerName, String providerType, Map<String, String> providerDetails,
                                Map<String, String> attributeMapping, List<String> idpIdentifiers,
                                Instant lastModifiedDate, Instant creationDate) {

        static IdentityProviderType of(IdentityProvider provider) {
            return new IdentityProviderType(provider.userPoolId(), provider.providerName(), provider.providerType(),
                    provider.providerDetails(), provider.attributeMapping(), provider.idpIdentifiers(),
                    provider.lastModifiedDate(), provider.creationDate());
        }
    }

    /** The answer of Create, Describe, Update and GetIdentityProviderByIdentifier. */
    record Response(IdentityProviderType identityProvider) {

        static Response of(IdentityProvider provider) {
            return new Response(IdentityProviderType.of(provider));
        }
    }

    private IdentityProviderRequests() {
    }

    /** The pool and provider a request names (not CreateIdentityProvider, whose name has a stricter pattern). */
    static Validation target(String userPoolId, String providerName) {
        return UserPoolRequests.userPoolId(Validation.of(), userPoolId)
                .required("providerName", providerName)
                .length("providerName", providerName, 1, 32)
                .pattern("providerName", providerName, PROVIDER_NAME);
    }

    /** The members CreateIdentityProvider and UpdateIdentityProvider set. */
    static Validation settings(Validation validation, Map<String, String> details, Map<String, String> mapping, List<String> identifiers) {
        if (details != null) {
            details.forEach((key, value) -> validation
                    .check(value != null, "Value null at 'providerDetails." + key + "' failed to satisfy constraint: Member must not be null")
                    .length("providerDetails." + key, value, 0, MAX_DETAIL_LENGTH));
        }
        if (mapping != null) {
            mapping.forEach((key, value) -> validation
                    .length("attributeMapping", key, 1, 32)
                    .check(value != null, "Value null at 'attributeMapping." + key + "' failed to satisfy constraint: Member must not be null")
                    .length("attributeMapping." + key, value, 0, MAX_DETAIL_LENGTH));
        }
        validation.size("idpIdentifiers", identifiers, 0, MAX_IDP_IDENTIFIERS);
        if (identifiers != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < identifiers.size(); i++) {
                String identifier = identifiers.get(i);
                String at = "idpIdentifiers." + (i + 1) + ".member";
                validation.required(at, identifier).length(at, identifier, 1, 40).pattern(at, identifier, IDP_IDENTIFIER);
                if (identifier != null && !seen.add(identifier)) {
                    throw new CognitoException("DuplicateProviderException", "The identifier " + identifier + " is given more than once.");
                }
            }
        }
        return validation;
    }

    /** Cognito's rules for a new provider's name: not Cognito's own, and a social provider is named for its type. */
    static void checkNewName(String providerName, String providerType) {
        if ("cognito".equalsIgnoreCase(providerName)) {
            throw CognitoException.invalidParameter("The provider name " + providerName + " is reserved.");
        }
        if (SOCIAL_TYPES.contains(providerType) && !providerType.equals(providerName)) {
            throw CognitoException.invalidParameter("The provider name of a " + providerType + " identity provider must be " + providerType + ".");
        }
    }
}
