package dev.cognate.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One look at a service's {@code /q/health/ready}: 200 means its PostgreSQL, Redis and Kafka are reachable. */
final class ReadinessProbe {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_DETAIL_LENGTH = 500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    /** @param detail why it is not ready (the health response or the connection error), for error messages */
    record Result(boolean ready, String detail) {
    }

    Result check(CognateService service) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.readinessUrl()))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body().strip();
            return new Result(response.statusCode() == 200, "GET " + service.readinessUrl() + " answered "
                    + response.statusCode() + (body.isEmpty() ? "" : ": " + abbreviate(body)));
        } catch (IOException e) {
            return new Result(false, "GET " + service.readinessUrl() + " failed: " + e);
        }
    }

    /**
     * Whether the demo pool's OpenID discovery document is served: sign-in (tokens, hosted pages) arrives with it,
     * so the summary offers sign-in commands only when this answers 200.
     */
    boolean answersOk(String url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_DETAIL_LENGTH ? oneLine : oneLine.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
}
