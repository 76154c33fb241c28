package dev.cognate.userpool.action;

import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.federation.oidc.ProviderEndpointResolver;
import dev.cognate.userpool.federation.saml.IdpMetadataSource;
import dev.cognate.userpool.federation.saml.SpCredentialStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The read-only ProviderDetails Cognito derives and shows in the answers of CreateIdentityProvider,
 * DescribeIdentityProvider, UpdateIdentityProvider and GetIdentityProviderByIdentifier (the API reference's "Describe
 * response" examples). Derived on every answer, never stored ({@link IdentityProvider#READ_ONLY_DETAILS} are dropped
 * from requests), so they follow the pool's keys and the provider's current documents:
 * <ul>
 * <li>OIDC: {@code authorize_url}, {@code token_url}, {@code attributes_url}, {@code jwks_uri} found by discovery at
 *     {@code oidc_issuer} (the sign-in's own resolver and cache, {@code cognate.federation.metadata-ttl}; details given
 *     explicitly win) and {@code attributes_url_add_attributes} {@code "false"};</li>
 * <li>SAML: {@code ActiveEncryptionCertificate} (the pool's encryption certificate, base64 DER, made on first use like
 *     GetSigningCertificate's), {@code SSORedirectBindingURI} and {@code SLORedirectBindingURI} from the metadata.</li>
 * <li>Google, Facebook, Login with Amazon, Sign in with Apple: the endpoints Cognate calls ({@link #social}).</li>
 * </ul>
 * Discovery and metadata are best effort here: a provider that cannot be reached (or that the egress policy refuses)
 * is answered with what was given, as before; the sign-in reports the failure. Other provider types pass unchanged.
 */
@ApplicationScoped
public class DerivedProviderDetails {

    static final String ACTIVE_ENCRYPTION_CERTIFICATE = "ActiveEncryptionCertificate";
    private static final Logger LOG = Logger.getLogger(DerivedProviderDetails.class);

    private final SpCredentialStore credentials;
    private final IdpMetadataSource metadata;
    private final ProviderEndpointResolver endpoints;

    public DerivedProviderDetails(SpCredentialStore credentials, IdpMetadataSource metadata, ProviderEndpointResolver endpoints) {
        this.credentials = credentials;
        this.metadata = metadata;
        this.endpoints = endpoints;
    }

    public Uni<IdentityProvider> addTo(IdentityProvider provider) {
        return switch (provider.providerType()) {
            case "SAML" -> saml(provider);
            case "OIDC" -> oidc(provider);
            case "Google", "Facebook", "LoginWithAmazon", "SignInWithApple" -> social(provider);
            default -> Uni.createFrom().item(provider);
        };
    }

    private Uni<IdentityProvider> saml(IdentityProvider provider) {
        return credentials.of(provider.userPoolId()).chain(found -> {
            Map<String, String> details = new HashMap<>(provider.providerDetails());
            try {
                details.put(ACTIVE_ENCRYPTION_CERTIFICATE, Base64.getEncoder().encodeToString(found.encryptionCertificate().getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            return metadata.redirectBindings(provider)
                    .onFailure().recoverWithItem(failure -> {
                        LOG.debugf("SAML metadata of %s not shown: %s", provider.providerName(), failure.getMessage());
                        return Map.of();
                    })
                    .map(bindings -> {
                        details.putAll(bindings);
                        return with(provider, details);
                    });
        });
    }

    private Uni<IdentityProvider> oidc(IdentityProvider provider) {
        return endpoints.resolve(provider)
                .map(resolved -> {
                    Map<String, String> details = new HashMap<>(provider.providerDetails());
                    putIfAbsent(details, "authorize_url", resolved.authorizeUrl());
                    putIfAbsent(details, "token_url", resolved.tokenUrl());
                    putIfAbsent(details, "attributes_url", resolved.userInfoUrl());
                    putIfAbsent(details, "jwks_uri", resolved.jwksUri());
                    return details;
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("OIDC discovery of %s not shown: %s", provider.providerName(), failure.getMessage());
                    return new HashMap<>(provider.providerDetails());
                })
                .map(details -> {
                    // Cognito adds the members the sign-in asks attributes_url for (Google, Facebook); never for OIDC
                    details.put("attributes_url_add_attributes", "false");
                    return with(provider, details);
                });
    }

    /**
     * A social provider's endpoints as Cognate calls them (the public ones, or the {@code cognate.federation.<provider>.*}
     * overrides), in Cognito's keys: {@code authorize_url}, {@code token_url}, {@code attributes_url} (Facebook's Graph
     * {@code /me?fields=}, to which the mapped fields are added: {@code attributes_url_add_attributes} {@code "true"}),
     * {@code token_request_method} {@code POST} (Cognate posts every token request) and, for Google and Apple,
     * {@code oidc_issuer}. Cognito's own values differ where Cognate calls other endpoints (Google's People API).
     */
    private Uni<IdentityProvider> social(IdentityProvider provider) {
        return endpoints.resolve(provider).map(resolved -> {
            Map<String, String> details = new HashMap<>(provider.providerDetails());
            boolean facebook = "Facebook".equals(provider.providerType());
            details.put("authorize_url", resolved.authorizeUrl());
            details.put("token_url", resolved.tokenUrl());
            if (resolved.userInfoUrl() != null) {
                details.put("attributes_url", facebook ? resolved.userInfoUrl() + "?fields=" : resolved.userInfoUrl());
            }
            details.put("attributes_url_add_attributes", String.valueOf(facebook));
            details.put("token_request_method", "POST");
            resolved.issuers().stream().filter(issuer -> issuer.startsWith("https://") || issuer.startsWith("http://"))
                    .sorted().findFirst().ifPresent(issuer -> details.put("oidc_issuer", issuer));
            return with(provider, details);
        });
    }

    private static void putIfAbsent(Map<String, String> details, String key, String value) {
        if (value != null) {
            details.putIfAbsent(key, value);
        }
    }

    private static IdentityProvider with(IdentityProvider provider, Map<String, String> details) {
        return new IdentityProvider(provider.userPoolId(), provider.providerName(), provider.providerType(), details,
                provider.attributeMapping(), provider.idpIdentifiers(), provider.creationDate(), provider.lastModifiedDate());
    }
}
