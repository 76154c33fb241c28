package dev.cognate.triggers.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.triggers.config.TriggerRunnerConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers one synchronous trigger call as a webhook: POSTs Cognito's event (JSON) to the target URL, signed per
 * Standard Webhooks with the pool's secret, and reads the answer as a Lambda handler's return value. The host is
 * resolved and checked by the {@link EgressGuard} first and the connection goes to that very address (the URL's host
 * still names the server for TLS and the {@code Host} header); redirects are not followed. Blocking: the caller runs
 * on a worker thread.
 */
@ApplicationScoped
@Startup // built at start-up, so a malformed cognate.triggers.lambda-arn-urls entry stops the start instead of a first call
public class WebhookInvoker {

    private static final Logger LOG = Logger.getLogger(WebhookInvoker.class);
    /** A Lambda answer is at most 6 MB; a webhook's answer is bounded lower, it only fills in {@code response}. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final EgressGuard guard;
    private final LambdaTargets lambdaTargets;
    private final WebhookSecrets secrets;
    private final ObjectMapper json;
    private final Duration maxTimeout;
    private final Clock clock;

    public WebhookInvoker(Vertx vertx, TriggerRunnerConfig config, WebhookSecrets secrets, ObjectMapper json, Clock clock) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setVerifyHost(true).setKeepAlive(true)
                .setMaxPoolSize(50).setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.triggers().maxTimeout().toMillis())));
        this.guard = new EgressGuard(config.triggers().allowedEgressHosts().orElse(List.of()));
        this.lambdaTargets = new LambdaTargets(config.triggers().lambdaArnUrls().orElse(List.of()));
        this.secrets = secrets;
        this.json = json;
        this.maxTimeout = config.triggers().maxTimeout();
        this.clock = clock;
    }

    public Result invoke(TriggerInvocation.Request request) {
        long started = System.nanoTime();
        Result result = call(request);
        LOG.infof("trigger %s of %s: %s in %d ms%s", request.trigger(), request.userPoolId(), result.outcome(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                result.outcome() == Outcome.ANSWERED ? "" : " (" + result.errorType() + ")");
        return result;
    }

    private Result call(TriggerInvocation.Request request) {
        if (request.userPoolId() == null || request.target() == null || request.event() == null || !request.event().isObject()) {
            return noAnswer("InvalidInvocation", "userPoolId, target and an event object are required");
        }
        String target = request.target();
        if (LambdaTargets.isArn(target)) {
            var mapped = lambdaTargets.urlOf(target);
            if (mapped.isEmpty()) {
                return noAnswer("LambdaNotSupported", "Cognate does not invoke AWS Lambda functions; map " + target
                        + " to a webhook URL with cognate.triggers.lambda-arn-urls");
            }
            target = mapped.get();
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return noAnswer("InvalidTarget", "the trigger target is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return noAnswer("InvalidTarget", "the trigger target is not an http(s) URL");
        }
        InetAddress address;
        try {
            address = guard.check(uri.getHost());
        } catch (EgressGuard.RefusedException e) {
            return noAnswer("EgressRefused", e.getMessage());
        }
        long timeoutMillis = Math.max(1, Math.min(request.timeoutMillis() <= 0 ? 5000 : request.timeoutMillis(), maxTimeout.toMillis()));
        String body;
        String secret;
        try {
            body = json.writeValueAsString(request.event());
            secret = secrets.of(request.userPoolId()).await().atMost(Duration.ofSeconds(5));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("trigger %s of %s: cannot prepare the call: %s", request.trigger(), request.userPoolId(), e.toString());
            return noAnswer("SigningFailed", "the call could not be signed");
        }
        String id = "msg_" + UUID.randomUUID();
        long timestamp = clock.instant().getEpochSecond();
        boolean https = scheme.equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(uri.getHost()).setPort(port).setSsl(https).setURI(path)
                .setFollowRedirects(false).setTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Cognate-Trigger-Runner")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSigner.signature(secret, id, timestamp, body));
        Answer answer;
        try {
            answer = client.request(options)
                    .compose(req -> req.send(Buffer.buffer(body)))
                    .compose(response -> bodyOf(response).map(bytes -> new Answer(response.statusCode(), bytes)))
                    .toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return noAnswer("TimeoutError", "the function did not answer within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return noAnswer("Interrupted", "the call was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean timedOut = cause != null && cause.getClass().getSimpleName().contains("Timeout");
            return noAnswer(timedOut ? "TimeoutError" : "Unreachable", timedOut
                    ? "the function did not answer within " + timeoutMillis + " ms"
                    : "the function could not be reached: " + (cause == null ? e : cause.getClass().getSimpleName()));
        }
        return read(answer);
    }

    private record Answer(int status, Buffer body) {
    }

    private static io.vertx.core.Future<Buffer> bodyOf(HttpClientResponse response) {
        String length = response.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 12 && Long.parseLong(length) > MAX_ANSWER_BYTES) {
            return io.vertx.core.Future.succeededFuture(null);
        }
        return response.body();
    }

    private Result read(Answer answer) {
        if (answer.body() == null || answer.body().length() > MAX_ANSWER_BYTES) {
            return Result.failed(Outcome.INVALID_RESPONSE, "AnswerTooLarge", "the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        JsonNode parsed;
        try {
            parsed = answer.body().length() == 0 ? null : json.readTree(answer.body().getBytes());
        } catch (java.io.IOException e) {
            parsed = null;
        }
        if (answer.status() >= 200 && answer.status() < 300) {
            return parsed != null && parsed.isObject() ? Result.answered(parsed)
                    : Result.failed(Outcome.INVALID_RESPONSE, "InvalidAnswer", "the answer is not a JSON object");
        }
        String errorType = parsed != null && parsed.path("errorType").isTextual() ? parsed.get("errorType").asText() : "Error";
        String errorMessage = parsed != null && parsed.path("errorMessage").isTextual() ? parsed.get("errorMessage").asText()
                : "the function answered HTTP " + answer.status();
        return Result.failed(Outcome.FUNCTION_ERROR, errorType, errorMessage);
    }

    private static Result noAnswer(String reason, String message) {
        return Result.failed(Outcome.NO_ANSWER, reason, message);
    }
}
