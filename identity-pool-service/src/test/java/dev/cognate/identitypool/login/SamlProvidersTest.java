package dev.cognate.identitypool.login;

import com.sun.net.httpserver.HttpServer;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.identitypool.LocalSamlIdp;
import dev.cognate.identitypool.config.LoginProvidersConfig;
import dev.cognate.testkit.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code cognate.login-providers.saml-metadata}: what stops the start (malformed entries, ARNs, metadata files), and
 * metadata behind a URL (a real local HTTP server): fetched on first use, kept for the refresh interval, the last good
 * copy kept when a refetch fails, an unreachable first fetch refused with {@code ExternalServiceException}.
 */
class SamlProvidersTest {

    static final String ARN = "arn:aws:iam::123456789012:saml-provider/Corp";

    @TempDir
    Path directory;

    HttpServer server;
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T12:00:00Z"));
    String metadataUrl;

    @BeforeEach
    void metadataServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 0);
        server.createContext("/metadata.xml", exchange -> {
            fetches.incrementAndGet();
            byte[] body = LocalSamlIdp.metadata("https://corp.example/saml", "idp-cert.pem").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), status.get() == 200 ? body.length : -1);
            if (status.get() == 200) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        metadataUrl = "http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort() + "/metadata.xml";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anEntryThatIsNotArnEqualsLocationOrNotASamlProviderArnStopsTheStart() {
        assertThatThrownBy(() -> providers(List.of(ARN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not <SAML provider ARN>=<path or URL of its metadata>");
        assertThatThrownBy(() -> providers(List.of(ARN + "="))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> providers(List.of("arn:aws:iam::123456789012:oidc-provider/corp.example=" + metadataUrl)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a SAML provider ARN");
    }

    @Test
    void aMetadataFileIsReadAtStartAndOneThatIsNoIdpMetadataStopsIt() throws IOException {
        Path good = Files.writeString(directory.resolve("idp.xml"), LocalSamlIdp.metadata("https://corp.example/saml", "idp-cert.pem"));
        Path notMetadata = Files.writeString(directory.resolve("other.xml"), "<html><body>login</body></html>");
        Path withDtd = Files.writeString(directory.resolve("dtd.xml"), "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");

        SamlProviders providers = providers(List.of(ARN + "=" + good));

        assertThat(providers.metadataOf(ARN)).get().extracting(SamlProviders.IdpMetadata::entityId).isEqualTo("https://corp.example/saml");
        assertThat(providers.metadataOf("arn:aws:iam::123456789012:saml-provider/Other")).isEmpty();
        assertThatThrownBy(() -> providers(List.of(ARN + "=" + notMetadata))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be used");
        assertThatThrownBy(() -> providers(List.of(ARN + "=" + withDtd))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> providers(List.of(ARN + "=" + directory.resolve("missing.xml")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urlMetadataIsFetchedOnFirstUseCachedForTheRefreshIntervalAndKeptWhenARefetchFails() {
        SamlProviders providers = providers(List.of(ARN + "=" + metadataUrl));
        assertThat(fetches.get()).as("nothing fetched at start").isZero();

        assertThat(providers.metadataOf(ARN)).get().extracting(SamlProviders.IdpMetadata::entityId).isEqualTo("https://corp.example/saml");
        providers.metadataOf(ARN);
        assertThat(fetches.get()).isEqualTo(1);

        now.set(now.get().plus(Duration.ofMinutes(61)));
        status.set(500);
        assertThat(providers.metadataOf(ARN)).as("the last good copy").get()
                .extracting(SamlProviders.IdpMetadata::entityId).isEqualTo("https://corp.example/saml");
        assertThat(fetches.get()).isEqualTo(2);
        providers.metadataOf(ARN);
        assertThat(fetches.get()).as("the failed refetch waits for the next interval").isEqualTo(2);
    }

    @Test
    void aFirstFetchThatFailsRefusesTheLoginAsAnUnavailableProvider() {
        status.set(503);
        SamlProviders providers = providers(List.of(ARN + "=" + metadataUrl));

        assertThatThrownBy(() -> providers.metadataOf(ARN)).isInstanceOfSatisfying(CognitoException.class, refused -> {
            assertThat(refused.type()).isEqualTo("ExternalServiceException");
            assertThat(refused.getMessage()).isEqualTo("The SAML provider's metadata is not available. Retry the request.");
        });
    }

    private SamlProviders providers(List<String> entries) {
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        return new SamlProviders(new LoginProvidersConfig() {
            public String googleJwksUrl() {
                return "https://google.invalid/certs";
            }

            public String appleJwksUrl() {
                return "https://apple.invalid/keys";
            }

            public String facebookGraphUrl() {
                return "https://facebook.invalid";
            }

            public String amazonApiUrl() {
                return "https://amazon.invalid";
            }

            public String oidcScheme() {
                return "https";
            }

            public Optional<List<String>> oidcClientIds() {
                return Optional.empty();
            }

            public Optional<List<String>> samlMetadata() {
                return Optional.of(entries);
            }

            public Duration samlMetadataRefresh() {
                return Duration.ofHours(1);
            }

            public List<String> samlAudiences() {
                return List.of("urn:amazon:webservices");
            }

            public List<String> samlRecipients() {
                return List.of("https://signin.aws.amazon.com/saml");
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(2);
            }
        }, clock);
    }
}
