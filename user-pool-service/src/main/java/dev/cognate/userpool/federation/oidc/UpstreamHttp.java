package dev.cognate.userpool.federation.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.config.FederationConfig;
import dev.cognate.userpool.federation.egress.ProviderEgress;
import dev.cognate.userpool.validation.ProviderDetailsRules;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls to an upstream identity provider (discovery, token, userInfo, Graph {@code /me}, profile) with the JDK's
 * non-blocking HTTP client: a time limit ({@code cognate.federation.http-timeout}), redirects never followed, at most
 * {@link #MAX_BYTES} read, JSON objects only. Every URL must be {@code https://} — or plain {@code http://} on this
 * machine when {@code cognate.federation.allow-loopback-http} is on — also the ones a discovery document names, so a
 * provider cannot send Cognate to another scheme; and before every call the host's addresses must pass the egress policy
 * ({@link ProviderEgress}: no private, loopback, link-local/metadata, multicast or unspecified address unless the
 * operator allows it), else the sign-in fails with {@link FederationErrors#misconfigured}. A provider that does not answer, or answers garbage, fails the sign-in
 * with {@link FederationErrors#providerUnavailable}; the reason is logged, never a token.
 */
@ApplicationScoped
public class UpstreamHttp {

    /** Token, userInfo and discovery answers are a few kilobytes. */
    static final int MAX_BYTES = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(UpstreamHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a provider answered: its status and the JSON object of its body (empty when it was none). */
    public record Answer(int status, ObjectNode body) {

        public boolean ok() {
            return status == 200;
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final boolean allowLoopbackHttp;
    private final ProviderEgress egress;

    public UpstreamHttp(FederationConfig config, ProviderEgress egress) {
        this.timeout = config.httpTimeout();
        this.allowLoopbackHttp = config.allowLoopbackHttp();
        this.egress = egress;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpClient client() {
        return http;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Whether Cognate may call {@code url}: https, or http on this machine when loopback providers are allowed. */
    public boolean callable(String url) {
        return ProviderDetailsRules.isProviderUrl(url, allowLoopbackHttp);
    }

    /** {@code url} as a URI Cognate may call; otherwise the sign-in fails naming {@code what} (e.g. "token endpoint"). */
    public URI require(String url, String providerName, String what) {
        if (!callable(url)) {
            LOG.warnf("identity provider %s: its %s %s is not an https URL", providerName, what, url);
            throw FederationErrors.misconfigured(providerName, what);
        }
        return URI.create(url);
    }

    /**
     * {@code uri} once every address of its host passed the egress policy (resolved on a worker thread: DNS blocks);
     * refused → {@link FederationErrors#misconfigured}, the address in the log only. For calls made by another client
     * over {@link #client()} (the JWKS).
     */
    public Uni<URI> checked(String providerName, URI uri) {
        return Uni.createFrom().item(() -> {
                    try {
                        return egress.resolveChecked(uri.toString());
                    } catch (ProviderEgress.Unresolved unresolved) {
                        LOG.warnf("identity provider %s: %s", providerName, unresolved.getMessage());
                        throw FederationErrors.providerUnavailable(providerName);
                    } catch (ProviderEgress.Refused refused) {
                        LOG.warnf("identity provider %s: call to %s refused by the egress policy: %s", providerName,
                                uri.getHost() + uri.getPath(), refused.getMessage());
                        throw FederationErrors.misconfigured(providerName,
                                "its endpoint at " + uri.getHost() + " resolves to an address Cognate does not call");
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public Uni<Answer> get(String providerName, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        headers.forEach(request::header);
        return send(providerName, request.build());
    }

    /** A form POST ({@code application/x-www-form-urlencoded}, UTF-8). */
    public Uni<Answer> postForm(String providerName, URI uri, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
        headers.forEach(request::header);
        return send(providerName, request.build());
    }

    public static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Uni<Answer> send(String providerName, HttpRequest request) {
        return checked(providerName, request.uri())
                .chain(() -> Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                    .onFailure().transform(failure -> {
                        LOG.warnf("identity provider %s: %s %s did not answer: %s", providerName, request.method(),
                                request.uri().getHost() + request.uri().getPath(), failure.toString());
                        return FederationErrors.providerUnavailable(providerName);
                    })
                    .map(response -> {
                        ObjectNode body = object(response.body());
                        if (body == null) {
                            LOG.warnf("identity provider %s: %s %s answered %d with no JSON object", providerName, request.method(),
                                    request.uri().getHost() + request.uri().getPath(), response.statusCode());
                            if (response.statusCode() == 200) {
                                throw FederationErrors.providerUnavailable(providerName);
                            }
                            body = JSON.createObjectNode();
                        }
                        return new Answer(response.statusCode(), body);
                    }));
    }

    private static ObjectNode object(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BYTES) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }
}
