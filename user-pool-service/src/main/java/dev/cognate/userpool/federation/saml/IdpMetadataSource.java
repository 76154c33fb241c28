package dev.cognate.userpool.federation.saml;

import com.onelogin.saml2.settings.IdPMetadataParser;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.config.FederationConfig;
import dev.cognate.userpool.config.SamlConfig;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.federation.egress.ProviderEgress;
import dev.cognate.userpool.validation.ProviderDetailsRules;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A SAML provider's metadata: its {@code MetadataFile}, or its {@code MetadataURL} fetched (no redirects followed, a
 * connect and a whole-request timeout, at most {@link #MAX_BYTES}) and cached for {@code cognate.federation.saml.metadata-cache-ttl}
 * (at most {@link #MAX_CACHED} documents: the cache is emptied when it would hold more).
 *
 * <p>Egress guard (DESIGN.md §5): a {@code MetadataURL} must be {@code https} and its host must pass federation's one
 * egress policy ({@link ProviderEgress}: no loopback, private, link-local/cloud metadata, multicast or unspecified
 * address unless the operator allows it); with {@code cognate.federation.allow-loopback-http} (the local stack, tests)
 * {@code http} and loopback addresses are allowed for a loopback host. A document that is not
 * SAML metadata with an entity id and an HTTP-Redirect SingleSignOnService is refused. XML is parsed by java-saml's
 * hardened parser (no DTDs, no external entities).
 */
@ApplicationScoped
public class IdpMetadataSource {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_CACHED = 512;
    private static final Logger LOG = Logger.getLogger(IdpMetadataSource.class);

    private record Cached(IdpMetadata metadata, Instant loadedAt) {
    }

    private final boolean allowLoopbackHttp;
    private final ProviderEgress egress;
    private final Duration timeout;
    private final Duration cacheTtl;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public IdpMetadataSource(FederationConfig federation, SamlConfig saml, Clock clock, ProviderEgress egress) {
        this.allowLoopbackHttp = federation.allowLoopbackHttp();
        this.egress = egress;
        this.timeout = saml.metadataTimeout();
        this.cacheTtl = saml.metadataCacheTtl();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The provider's metadata; unreadable, unreachable or refused → InvalidParameterException naming the provider. */
    public Uni<IdpMetadata> of(IdentityProvider provider) {
        SamlProviderDetails details = SamlProviderDetails.of(provider);
        String key = details.metadataUrl() != null ? "url:" + details.metadataUrl() : "file:" + sha256(details.metadataFile());
        Cached cached = cache.get(key);
        if (cached != null && cached.loadedAt().plus(cacheTtl).isAfter(clock.instant())) {
            return Uni.createFrom().item(cached.metadata());
        }
        return Uni.createFrom().item(() -> parse(provider.providerName(),
                        details.metadataUrl() != null ? fetch(provider.providerName(), details.metadataUrl()) : details.metadataFile()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(metadata -> {
                    if (cache.size() >= MAX_CACHED) {
                        cache.clear();
                    }
                    cache.put(key, new Cached(metadata, clock.instant()));
                });
    }

    /**
     * The IdP's HTTP-Redirect endpoints as Cognito shows them among a SAML provider's derived details:
     * {@code SSORedirectBindingURI} and, when the metadata has one, {@code SLORedirectBindingURI}.
     */
    public Uni<Map<String, String>> redirectBindings(IdentityProvider provider) {
        return of(provider).map(metadata -> {
            Map<String, String> bindings = new java.util.LinkedHashMap<>();
            bindings.put("SSORedirectBindingURI", metadata.singleSignOnUrl());
            if (metadata.singleLogoutUrl() != null) {
                bindings.put("SLORedirectBindingURI", metadata.singleLogoutUrl());
            }
            return bindings;
        });
    }

    /** Drops every cached document (tests that change a provider's metadata behind the same URL). */
    public void forgetAll() {
        cache.clear();
    }

    private String fetch(String providerName, String url) {
        URI uri = checkedUri(providerName, url);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/samlmetadata+xml, application/xml, text/xml").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw unreadable(providerName, "the metadata URL answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw unreadable(providerName, "the metadata document is larger than " + MAX_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            LOG.infof("SAML metadata of %s not fetched from %s: %s", providerName, url, e.toString());
            throw unreadable(providerName, "the metadata URL could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreadable(providerName, "the metadata URL could not be reached");
        }
    }

    private URI checkedUri(String providerName, String url) {
        try {
            return egress.resolveChecked(url);
        } catch (ProviderEgress.Unresolved unresolved) {
            throw unreadable(providerName, "the host of MetadataURL is unknown");
        } catch (ProviderEgress.Refused refused) {
            LOG.warnf("SAML metadata of %s not fetched: %s", providerName, refused.getMessage());
            if (!ProviderDetailsRules.isProviderUrl(url, allowLoopbackHttp)) {
                throw unreadable(providerName, "MetadataURL must be an https URL");
            }
            throw unreadable(providerName, "MetadataURL points to an address Cognate does not call");
        } catch (IllegalArgumentException e) {
            throw unreadable(providerName, "MetadataURL is not a URL");
        }
    }

    static IdpMetadata parse(String providerName, String xml) {
        if (xml == null || xml.isBlank()) {
            throw unreadable(providerName, "the metadata document is empty");
        }
        Document document = Util.loadXML(xml.strip());
        if (document == null) {
            throw unreadable(providerName, "the metadata document is not well-formed XML");
        }
        Map<String, Object> values;
        try {
            values = IdPMetadataParser.parseXML(document, null, null, Constants.BINDING_HTTP_REDIRECT, Constants.BINDING_HTTP_REDIRECT);
        } catch (Exception e) {
            throw unreadable(providerName, "the metadata document is not SAML 2.0 IdP metadata");
        }
        IdpMetadata metadata = new IdpMetadata(values);
        if (metadata.entityId() == null) {
            throw unreadable(providerName, "the metadata names no IDPSSODescriptor entity");
        }
        if (metadata.singleSignOnUrl() == null) {
            throw unreadable(providerName, "the metadata has no SingleSignOnService with the HTTP-Redirect binding");
        }
        if (values.keySet().stream().noneMatch(key -> key.startsWith("onelogin.saml2.idp.x509cert"))) {
            throw unreadable(providerName, "the metadata has no signing certificate");
        }
        return metadata;
    }

    private static CognitoException unreadable(String providerName, String why) {
        return CognitoException.invalidParameter("Unable to use the SAML metadata of the identity provider " + providerName + ": " + why + ".");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
