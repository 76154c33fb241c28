package dev.cognate.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * user-pool-service's OAuth 2.0 / OIDC endpoints over plain HTTP (the JDK's client, HTTP/1.1 with keep-alive):
 * {@code POST /oauth2/token} and the discovery document and JWKS under a pool's issuer. A non-2xx answer throws
 * {@link HttpStatusException}, named in the harness's error table by its OAuth {@code error} and status.
 */
final class OAuthEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A refused request: {@code error} is the body's OAuth {@code error} member, or "-" when it has none. */
    static final class HttpStatusException extends RuntimeException {
        private final int status;
        private final String error;

        HttpStatusException(int status, String error, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
            this.error = error;
        }

        String type() {
            return error + " (HTTP " + status + ")";
        }
    }

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    OAuthEndpoints(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A token request with the given form, HTTP Basic client authentication when {@code clientSecret} is not null. */
    JsonNode token(Map<String, String> form, String clientId, String clientSecret) {
        return token("/oauth2/token", form, clientId, clientSecret);
    }

    /** The same at another token endpoint's path (another OpenID provider's, for the side-by-side runs). */
    JsonNode token(String path, Map<String, String> form, String clientId, String clientSecret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (clientSecret != null) {
            String credentials = encode(clientId) + ":" + encode(clientSecret);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    /** A GET of a path under the service, e.g. {@code /<poolId>/.well-known/jwks.json}. */
    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build());
    }

    /** A GET with {@code Authorization: Bearer token}: /oauth2/userInfo. */
    JsonNode get(String path, String bearer) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Authorization", "Bearer " + bearer).GET().build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new HttpStatusException(response.statusCode(), body.path("error").asText("-"), response.body());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
