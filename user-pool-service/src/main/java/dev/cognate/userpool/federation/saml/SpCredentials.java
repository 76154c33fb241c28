package dev.cognate.userpool.federation.saml;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A pool's own SAML service provider credentials: the signing pair (AuthnRequests and LogoutRequests; its certificate is
 * what {@code GetSigningCertificate} answers) and the encryption pair (providers with {@code EncryptedResponses} encrypt
 * assertions to its certificate). Two pairs, as Cognito keeps them.
 */
public record SpCredentials(String userPoolId, X509Certificate signingCertificate, PrivateKey signingKey,
                            X509Certificate encryptionCertificate, PrivateKey encryptionKey) {

    @Override
    public String toString() {
        return "SpCredentials[" + userPoolId + "]";
    }
}
