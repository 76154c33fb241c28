package dev.cognate.identitypool.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.identitypool.config.LoginProvidersConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * GETs of a login provider's user-info API (Facebook's Graph API, Login with Amazon), asynchronous, bounded by
 * {@code cognate.login-providers.request-timeout}. A 4xx answer means the provider refused the token
 * ({@link Answer#refused()}); no answer, a timeout, a 5xx or a body that is not a JSON object of sane size is
 * {@code ExternalServiceException} — the login is refused either way.
 */
@ApplicationScoped
public class ProviderApi {

    /** A user-info answer is a few hundred bytes. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(ProviderApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param body the JSON object answered (for a refusal: its error document, or an empty object) */
    public record Answer(int status, ObjectNode body) {

        public boolean refused() {
            return status >= 400 && status < 500;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public ProviderApi(LoginProvidersConfig config) {
        this.timeout = config.requestTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Whether {@code token} can be an access token at all: visible ASCII only (bearer tokens are, RFC 6750's b64token and
     * Facebook's and Amazon's alike). Anything else is refused before it reaches a URL or a header.
     */
    public static boolean looksLikeAccessToken(String token) {
        return token != null && !token.isEmpty() && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** {@code provider} names it in the error and the log ("Facebook"); {@code headers} e.g. the bearer token. */
    public Uni<Answer> get(String provider, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        headers.forEach(request::header);
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()))
                .onFailure().transform(failure -> {
                    LOG.warnf("%s did not answer %s: %s", provider, uri.getHost(), failure.toString());
                    return LoginRefusals.providerUnavailable(provider);
                })
                .map(response -> answer(provider, response));
    }

    private static Answer answer(String provider, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 400 && status < 500) {
            return new Answer(status, object(response.body()));
        }
        ObjectNode body = status == 200 ? object(response.body()) : null;
        if (body == null || body.isEmpty()) {
            LOG.warnf("%s answered %d with %d bytes that are no user info", provider, status, response.body().length);
            throw LoginRefusals.providerUnavailable(provider);
        }
        return new Answer(status, body);
    }

    private static ObjectNode object(byte[] body) {
        if (body == null || body.length > MAX_BYTES) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
