package dev.cognate.userpool.action;

import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.federation.saml.SpCredentialStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The details Cognito derives for a SAML provider when it describes one: {@code ActiveEncryptionCertificate}, the
 * certificate (base64 DER) a provider with {@code EncryptedResponses} encrypts assertions to — the pool's encryption
 * pair, made on first use like GetSigningCertificate's. Derived on every read, never stored, so it always names the
 * pool's current pair. Other provider types pass unchanged.
 */
@ApplicationScoped
public class SamlDerivedDetails {

    static final String ACTIVE_ENCRYPTION_CERTIFICATE = "ActiveEncryptionCertificate";

    private final SpCredentialStore credentials;

    public SamlDerivedDetails(SpCredentialStore credentials) {
        this.credentials = credentials;
    }

    public Uni<IdentityProvider> addTo(IdentityProvider provider) {
        if (!"SAML".equals(provider.providerType())) {
            return Uni.createFrom().item(provider);
        }
        return credentials.of(provider.userPoolId()).map(found -> {
            Map<String, String> details = new HashMap<>(provider.providerDetails());
            try {
                details.put(ACTIVE_ENCRYPTION_CERTIFICATE, Base64.getEncoder().encodeToString(found.encryptionCertificate().getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            return new IdentityProvider(provider.userPoolId(), provider.providerName(), provider.providerType(), details,
                    provider.attributeMapping(), provider.idpIdentifiers(), provider.creationDate(), provider.lastModifiedDate());
        });
    }
}
