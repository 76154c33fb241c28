package dev.cognate.userpool.federation.oidc;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser at the upstream provider: the JDK's HTTP client with a cookie jar, following redirects by hand until one
 * leaves for the hosted login's {@code /oauth2/idpresponse}, and posting oidc-provider's login and consent forms on the way.
 * What it answers is the query of that last redirect — exactly what hosted-ui-service would relay.
 */
final class UpstreamBrowser {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /** Signs in as {@code login} (any password) and consents; the parameters the provider sends back to the login domain. */
    Map<String, String> signIn(String authorizeUrl, String login) throws IOException, InterruptedException {
        URI at = URI.create(authorizeUrl);
        for (int step = 0; step < 12; step++) {
            if (at.toString().startsWith(UpstreamOpenIdProvider.REDIRECT_URI)) {
                return query(at);
            }
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(at).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && at.getPath().startsWith("/interaction/")) {
                String prompt = page.body().contains("name=\"login\"") ? "login" : "consent";
                String form = "prompt=" + prompt + (prompt.equals("login") ? "&login=" + login + "&password=anything" : "");
                page = http.send(HttpRequest.newBuilder(at).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            }
            HttpResponse<String> response = page;
            String path = at.getPath();
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new IOException("no redirect from " + path + ": " + response.statusCode() + " " + response.body()));
            at = at.resolve(location);
        }
        throw new IOException("too many redirects");
    }

    /** Cancels at the provider's login page: the provider's error answer to the login domain. */
    Map<String, String> cancel(String authorizeUrl) throws IOException, InterruptedException {
        HttpResponse<String> toLogin = http.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        URI interaction = URI.create(authorizeUrl).resolve(toLogin.headers().firstValue("Location").orElseThrow());
        URI at = interaction.resolve(interaction.getPath() + "/abort");
        for (int step = 0; step < 6; step++) {
            if (at.toString().startsWith(UpstreamOpenIdProvider.REDIRECT_URI)) {
                return query(at);
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(at).GET().build(), HttpResponse.BodyHandlers.ofString());
            at = at.resolve(response.headers().firstValue("Location").orElseThrow(() -> new IOException("no redirect: " + response.body())));
        }
        throw new IOException("too many redirects");
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }
}
