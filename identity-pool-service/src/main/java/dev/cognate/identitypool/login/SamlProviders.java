package dev.cognate.identitypool.login;

import com.onelogin.saml2.settings.IdPMetadataParser;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Util;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.identitypool.config.LoginProvidersConfig;
import io.quarkus.runtime.Startup;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SAML identity providers of {@code SamlProviderARNs}, as IAM knows them ({@code arn:aws:iam::<account>:saml-provider/<name>}):
 * IAM keeps each provider's metadata document, which is not part of the pool; here it comes from
 * {@code cognate.login-providers.saml-metadata} ({@code <ARN>=<path or URL>} entries). A file is parsed once, at start
 * (a file that is no IdP metadata stops the start, as a malformed entry does); a URL is fetched on first use, with
 * the providers' request timeout and at most {@link #MAX_METADATA_BYTES}, and again after {@code saml-metadata-refresh}.
 * A refetch that fails keeps the last good copy (IAM, too, keeps the document it was given); a first fetch that fails
 * refuses the login with {@code ExternalServiceException}. Blocking: call it off the event loop.
 */
@Startup // a malformed entry or metadata file stops the start, it is not found at the first login
@ApplicationScoped
public class SamlProviders {

    private static final Logger LOG = Logger.getLogger(SamlProviders.class);
    private static final Pattern ARN = Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:saml-provider/[\\w+=,.@-]{1,128}");
    static final int MAX_METADATA_BYTES = 1024 * 1024;

    /** What java-saml needs of the IdP (its {@code onelogin.saml2.idp.*} settings: entity id, signing certificates). */
    public record IdpMetadata(String entityId, Map<String, Object> settings) {
    }

    private final Map<String, Source> byArn = new HashMap<>();
    private final HttpClient http;
    private final Duration timeout;
    private final Duration refresh;
    private final Clock clock;

    public SamlProviders(LoginProvidersConfig config, Clock clock) {
        this.timeout = config.requestTimeout();
        this.refresh = config.samlMetadataRefresh();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        for (String entry : config.samlMetadata().orElse(List.of())) {
            // the ARN has no '='; a URL may (its query)
            int separator = entry.indexOf('=');
            if (separator <= 0 || separator == entry.length() - 1) {
                // refused, not ignored: a typo here would silently lock every user of the provider out
                throw new IllegalArgumentException("cognate.login-providers.saml-metadata: '" + entry
                        + "' is not <SAML provider ARN>=<path or URL of its metadata>");
            }
            String arn = entry.substring(0, separator).trim();
            String location = entry.substring(separator + 1).trim();
            if (!isSamlProviderArn(arn)) {
                throw new IllegalArgumentException("cognate.login-providers.saml-metadata: '" + arn
                        + "' is not a SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>)");
            }
            byArn.put(arn, location.startsWith("https://") || location.startsWith("http://")
                    ? new UrlSource(URI.create(location)) : new FileSource(parseFile(arn, Path.of(location))));
        }
    }

    /** Whether {@code name} is an IAM SAML provider ARN (the form {@code SamlProviderARNs} entries and their logins have). */
    public static boolean isSamlProviderArn(String name) {
        return name != null && ARN.matcher(name).matches();
    }

    /** The provider's metadata, or empty when none is configured for the ARN. */
    public Optional<IdpMetadata> metadataOf(String arn) {
        Source source = byArn.get(arn);
        return source == null ? Optional.empty() : Optional.of(source.metadata());
    }

    private interface Source {
        IdpMetadata metadata();
    }

    private record FileSource(IdpMetadata metadata) implements Source {
    }

    /** Metadata behind a URL: fetched when first needed and after each refresh interval; the last good copy survives failures. */
    private final class UrlSource implements Source {

        private final URI url;
        private IdpMetadata current;
        private Instant fetchedAt;

        UrlSource(URI url) {
            this.url = url;
        }

        @Override
        public synchronized IdpMetadata metadata() {
            Instant now = clock.instant();
            if (current != null && now.isBefore(fetchedAt.plus(refresh))) {
                return current;
            }
            try {
                current = parse(fetch());
                fetchedAt = now;
            } catch (IOException | RuntimeException failure) {
                LOG.warnf("the SAML metadata at %s could not be fetched: %s", url, failure.getMessage());
                if (current == null) {
                    throw new CognitoException("ExternalServiceException", "The SAML provider's metadata is not available. Retry the request.");
                }
                // retried after the next interval; meanwhile the last good copy stands, as IAM's uploaded document would
                fetchedAt = now;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CognitoException("ExternalServiceException", "The SAML provider's metadata is not available. Retry the request.");
            }
            return current;
        }

        private String fetch() throws IOException, InterruptedException {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_METADATA_BYTES + 1);
                if (bytes.length > MAX_METADATA_BYTES) {
                    throw new IOException("larger than " + MAX_METADATA_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
    }

    private static IdpMetadata parseFile(String arn, Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cognate.login-providers.saml-metadata: the metadata of " + arn + " ("
                    + file + ") cannot be used: " + e.getMessage(), e);
        }
    }

    /** The IdP's entity id and signing certificates from its metadata XML (DTDs refused: java-saml's parser). */
    static IdpMetadata parse(String xml) {
        Document document = Util.loadXML(xml);
        if (document == null) {
            throw new IllegalArgumentException("not well-formed XML (or it declares a DTD)");
        }
        Map<String, Object> settings;
        try {
            settings = IdPMetadataParser.parseXML(document);
        } catch (Exception e) {
            throw new IllegalArgumentException("not SAML metadata: " + e.getMessage(), e);
        }
        Object entityId = settings.get(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY);
        boolean hasCertificate = settings.containsKey(SettingsBuilder.IDP_X509CERT_PROPERTY_KEY)
                || settings.keySet().stream().anyMatch(key -> key.startsWith(SettingsBuilder.IDP_X509CERTMULTI_PROPERTY_KEY));
        if (!(entityId instanceof String id) || id.isBlank() || !hasCertificate) {
            throw new IllegalArgumentException("no IDPSSODescriptor with an entityID and a signing certificate");
        }
        return new IdpMetadata(id, Map.copyOf(settings));
    }
}
