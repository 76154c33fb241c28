package dev.cognate.triggers.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One webhook target: its URL checked once by the {@link EgressGuard} ({@link #to}), then each {@link #send} POSTs the
 * event, signed per Standard Webhooks, to the very address checked (the URL's host still names the server for TLS and
 * {@code Host}); redirects are not followed. Every attempt of one call carries the same {@code webhook-id} (Standard
 * Webhooks: the same id when a message is sent again, so a receiver can drop a repeat) and a fresh timestamp and
 * signature. Blocking: the caller runs on a worker thread.
 *
 * <p>Each exchange runs on one event-loop context, the invoker's, from the request to the answer's last byte: the
 * pool's connections are made on that loop too, so the answer's head, its body and the handlers that read them are all
 * on one thread. Started from the worker thread instead, the request's callbacks and the pooled connection that
 * delivered the answer could be on different event loops, and {@code body()} was set on one thread while the body
 * ended on the other: about one answer in 1,000 was dropped and its call waited its whole timeout (Vert.x 4.5's
 * {@code HttpClientResponse} body/end race, eclipse-vertx/vert.x#6038; {@code WebhookAnswersUnderLoadTest}).
 */
final class WebhookCall {

    /** A Lambda answer is at most 6 MB; a webhook's answer is bounded lower, it only fills in {@code response}. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Context context;
    private final ObjectMapper json;
    private final Clock clock;
    private final URI uri;
    private final InetAddress address;
    private final String body;
    private final String secret;
    private final String webhookId;
    private final String contentType;

    private WebhookCall(HttpClient client, Context context, ObjectMapper json, Clock clock, URI uri, InetAddress address,
                        String body, String secret, String webhookId, String contentType) {
        this.client = client;
        this.context = context;
        this.json = json;
        this.clock = clock;
        this.uri = uri;
        this.address = address;
        this.body = body;
        this.secret = secret;
        this.webhookId = webhookId;
        this.contentType = contentType;
    }

    /** The checked target, or the failure that ends the call before anything is sent. */
    sealed interface Prepared permits Ready, Refused {
    }

    record Ready(URI uri, InetAddress address) implements Prepared {
    }

    record Refused(Result result) implements Prepared {
    }

    /** Parses the URL and asks the guard about its host; nothing is sent. */
    static Prepared check(String url, EgressGuard guard) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Refused(Result.failed(Outcome.NO_ANSWER, "InvalidTarget", "the trigger target is not a URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return new Refused(Result.failed(Outcome.NO_ANSWER, "InvalidTarget", "the trigger target is not an http(s) URL"));
        }
        try {
            return new Ready(uri, guard.check(uri.getHost()));
        } catch (EgressGuard.RefusedException e) {
            return new Refused(Result.failed(Outcome.NO_ANSWER, "EgressRefused", e.getMessage()));
        }
    }

    /**
     * @param context     the event-loop context every exchange runs on (see the class comment)
     * @param contentType the body's media type: {@code application/json} for a trigger event, another for a CloudEvent
     */
    static WebhookCall to(Ready target, HttpClient client, Context context, ObjectMapper json, Clock clock, String body,
                          String contentType, String secret, String webhookId) {
        return new WebhookCall(client, context, json, clock, target.uri(), target.address(), body, secret, webhookId, contentType);
    }

    Attempt send(long timeoutMillis) {
        long timestamp = clock.instant().getEpochSecond();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(uri.getHost()).setPort(port).setSsl(https).setURI(path)
                .setFollowRedirects(false).setTimeout(timeoutMillis)
                .putHeader("Content-Type", contentType)
                .putHeader("User-Agent", "Cognate-Trigger-Runner")
                .putHeader("webhook-id", webhookId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSigner.signature(secret, webhookId, timestamp, body));
        CompletableFuture<Answer> exchange = new CompletableFuture<>();
        context.runOnContext(ignored -> client.request(options)
                // Nested, so the body is asked for in the same turn of the loop that delivers the head.
                .compose(req -> req.send(Buffer.buffer(body))
                        .compose(response -> bodyOf(response).map(bytes -> new Answer(response.statusCode(), bytes))))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        exchange.complete(done.result());
                    } else {
                        exchange.completeExceptionally(done.cause());
                    }
                }));
        Answer answer;
        try {
            answer = exchange.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Attempt.retriable(timedOut(timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.finished(Result.failed(Outcome.NO_ANSWER, "Interrupted", "the call was interrupted"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean timedOut = cause != null && cause.getClass().getSimpleName().contains("Timeout");
            return Attempt.retriable(timedOut ? timedOut(timeoutMillis) : Result.failed(Outcome.NO_ANSWER, "Unreachable",
                    "the function could not be reached: " + (cause == null ? e : cause.getClass().getSimpleName())));
        }
        return read(answer);
    }

    private static Result timedOut(long timeoutMillis) {
        return Result.failed(Outcome.NO_ANSWER, "TimeoutError", "the function did not answer within " + timeoutMillis + " ms");
    }

    private record Answer(int status, Buffer body) {
    }

    private static Future<Buffer> bodyOf(HttpClientResponse response) {
        String length = response.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 12 && Long.parseLong(length) > MAX_ANSWER_BYTES) {
            return Future.succeededFuture(null);
        }
        return response.body();
    }

    /**
     * 2xx: the answer. Any other status with a Lambda-style {@code {"errorType","errorMessage"}} body: the function's
     * own error, final. 429 or 5xx without one: the server could not run the function (overloaded, restarting, a
     * gateway in front failing), tried again; when no attempt is left it ends as no answer, as a throttled or failing
     * Lambda service does. Other statuses: the function's error ({@code Error}).
     */
    private Attempt read(Answer answer) {
        if (answer.body() == null || answer.body().length() > MAX_ANSWER_BYTES) {
            return Attempt.finished(Result.failed(Outcome.INVALID_RESPONSE, "AnswerTooLarge", "the answer is larger than " + MAX_ANSWER_BYTES + " bytes"));
        }
        JsonNode parsed;
        try {
            parsed = answer.body().length() == 0 ? null : json.readTree(answer.body().getBytes());
        } catch (java.io.IOException e) {
            parsed = null;
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return Attempt.finished(parsed != null && parsed.isObject() ? Result.answered(parsed)
                    : Result.failed(Outcome.INVALID_RESPONSE, "InvalidAnswer", "the answer is not a JSON object"));
        }
        boolean functionsOwnError = parsed != null && parsed.path("errorType").isTextual();
        if (!functionsOwnError && (status == 429 || status >= 500)) {
            return Attempt.retriable(Result.failed(Outcome.NO_ANSWER, status == 429 ? "TooManyRequestsException" : "ServiceException",
                    "the function answered HTTP " + status));
        }
        String errorType = functionsOwnError ? parsed.get("errorType").asText() : "Error";
        String errorMessage = parsed != null && parsed.path("errorMessage").isTextual() ? parsed.get("errorMessage").asText()
                : "the function answered HTTP " + status;
        return Attempt.finished(Result.failed(Outcome.FUNCTION_ERROR, errorType, errorMessage));
    }
}
