package dev.cognate.userpool.federation.saml;

import dev.cognate.userpool.domain.IdentityProvider;

import java.util.Map;

/**
 * A SAML provider's {@code ProviderDetails} read once (the members Cognito defines for {@code ProviderType} SAML):
 * where its metadata comes from ({@code MetadataFile} or {@code MetadataURL}), and the switches {@code IDPInit},
 * {@code IDPSignout}, {@code EncryptedResponses} ({@code "true"} turns each on; absent or anything else is off, as
 * Cognito reads them) and {@code RequestSigningAlgorithm} ({@code rsa-sha256} signs AuthnRequests; absent: unsigned).
 */
record SamlProviderDetails(String metadataFile, String metadataUrl, boolean idpInitiated, boolean idpSignout,
                           boolean encryptedResponses, boolean signRequests) {

    static final String RSA_SHA256 = "rsa-sha256";

    static SamlProviderDetails of(IdentityProvider provider) {
        Map<String, String> details = provider.providerDetails();
        return new SamlProviderDetails(details.get("MetadataFile"), details.get("MetadataURL"),
                on(details, "IDPInit"), on(details, "IDPSignout"), on(details, "EncryptedResponses"),
                RSA_SHA256.equals(details.get("RequestSigningAlgorithm")));
    }

    private static boolean on(Map<String, String> details, String key) {
        return "true".equalsIgnoreCase(details.get(key));
    }
}
