package dev.cognate.identitypool.action;

import dev.cognate.identitypool.domain.PrincipalTagAttributeMap;

import java.util.Map;

/** The answer of Get/SetPrincipalTagAttributeMap. */
public record PrincipalTagAttributeMapResponse(String identityPoolId, String identityProviderName, boolean useDefaults,
                                               Map<String, String> principalTags) {

    static PrincipalTagAttributeMapResponse of(PrincipalTagAttributeMap map) {
        return new PrincipalTagAttributeMapResponse(map.identityPoolId(), map.identityProviderName(), map.useDefaults(), map.principalTags());
    }
}
