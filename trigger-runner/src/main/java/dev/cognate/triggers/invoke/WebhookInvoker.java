package dev.cognate.triggers.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.internalapi.TriggerInvocationLog;
import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.repository.InvocationLogRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Runs one synchronous trigger call, whatever its target: a URL as a signed webhook ({@link WebhookCall}), a Lambda ARN
 * as the webhook it is mapped to ({@code cognate.triggers.lambda-arn-urls}, first) or through the AWS Lambda
 * {@code Invoke} API ({@link LambdaFunctions}), or fails closed when neither is set. Each call passes the target's
 * {@link CircuitBreakers circuit breaker}, is retried as Cognito ({@link RetryPolicy}) within the caller's timeout,
 * counted in the metrics ({@link TriggerMetrics}) and written to the invocation log: asynchronously, after the answer is
 * known, so the log adds no latency (a row can be lost if the database fails at that moment; the call's result cannot).
 * Blocking: the caller runs on a worker thread.
 */
@ApplicationScoped
@Startup // built at start-up, so a malformed cognate.triggers.lambda-arn-urls entry stops the start instead of a first call
public class WebhookInvoker {

    private static final Logger LOG = Logger.getLogger(WebhookInvoker.class);
    /** A Lambda answer is at most 6 MB; a webhook's answer is bounded lower, it only fills in {@code response}. */
    static final int MAX_ANSWER_BYTES = WebhookCall.MAX_ANSWER_BYTES;
    /** A trigger's body: Cognito's event, as a Lambda function's input. */
    public static final String TRIGGER_EVENT = "application/json";
    /** An event subscription's body: a CloudEvent in the HTTP binding's structured mode. */
    public static final String STRUCTURED_CLOUD_EVENT = "application/cloudevents+json; charset=UTF-8";

    /**
     * How long an unused connection stays in the pool: below Node's {@code keepAliveTimeout} (5 s, the default of
     * deploy/functions' adapter) less the pool cleaner's period (1 s), so trigger-runner closes an idle connection
     * before the function does and never sends a call on one the function is closing at that moment.
     */
    static final int IDLE_CONNECTION_SECONDS = 3;

    private final HttpClient client;
    /** The one event loop every webhook exchange runs on ({@link WebhookCall#send}). */
    private final Context context;
    private final EgressGuard guard;
    private final LambdaTargets lambdaTargets;
    private final LambdaFunctions lambdaFunctions;
    private final WebhookSecrets secrets;
    private final ObjectMapper json;
    private final Duration maxTimeout;
    private final Clock clock;
    private final RetryPolicy retries;
    private final CircuitBreakers breakers;
    private final TriggerMetrics metrics;
    private final InvocationLogRepository log;

    public WebhookInvoker(Vertx vertx, TriggerRunnerConfig config, WebhookSecrets secrets, ObjectMapper json, Clock clock,
                          LambdaFunctions lambdaFunctions, MeterRegistry registry, InvocationLogRepository log) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setVerifyHost(true).setKeepAlive(true)
                .setKeepAliveTimeout(IDLE_CONNECTION_SECONDS)
                .setMaxPoolSize(50).setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.triggers().maxTimeout().toMillis())));
        // An event-loop context of its own, whatever thread builds this bean (a worker's context would run the
        // exchange's callbacks on worker threads).
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.guard = new EgressGuard(config.triggers().allowedEgressHosts().orElse(List.of()));
        this.lambdaTargets = new LambdaTargets(config.triggers().lambdaArnUrls().orElse(List.of()));
        this.lambdaFunctions = lambdaFunctions;
        this.secrets = secrets;
        this.json = json;
        this.maxTimeout = config.triggers().maxTimeout();
        this.clock = clock;
        this.retries = new RetryPolicy(config.triggers().retry());
        this.breakers = new CircuitBreakers(config.triggers().circuitBreaker(), clock, registry);
        this.metrics = new TriggerMetrics(registry);
        this.log = log;
    }

    /** A trigger call: the event POSTed as {@code application/json}. */
    public Result invoke(TriggerInvocation.Request request) {
        return invoke(request, TRIGGER_EVENT);
    }

    /**
     * @param contentType the {@code Content-Type} a webhook target receives (the AWS Lambda {@code Invoke} API takes the
     *                    payload as JSON whatever it is)
     */
    public Result invoke(TriggerInvocation.Request request, String contentType) {
        Instant startedAt = clock.instant();
        long started = System.nanoTime();
        Run run = call(request, contentType);
        long elapsed = System.nanoTime() - started;
        Result result = run.result();
        LOG.infof("trigger %s of %s: %s in %d ms after %d attempt(s)%s", request.trigger(), request.userPoolId(), result.outcome(),
                TimeUnit.NANOSECONDS.toMillis(elapsed), run.attempts(),
                result.outcome() == Outcome.ANSWERED ? "" : " (" + result.errorType() + ")");
        metrics.record(request.trigger(), result.outcome(), elapsed);
        if (request.userPoolId() != null && request.target() != null) {
            record(new TriggerInvocationLog.Entry(request.userPoolId(), request.trigger() == null ? "" : request.trigger(),
                    TargetLabel.of(request.target()), startedAt.toEpochMilli(), TimeUnit.NANOSECONDS.toMillis(elapsed),
                    result.outcome().name(), result.errorType(), run.attempts()));
        }
        return result;
    }

    /** How a call ended and how many times the function was called. */
    private record Run(Result result, int attempts) {
        static Run notCalled(String reason, String message) {
            return new Run(Result.failed(Outcome.NO_ANSWER, reason, message), 0);
        }
    }

    private Run call(TriggerInvocation.Request request, String contentType) {
        if (request.userPoolId() == null || request.target() == null || request.event() == null || !request.event().isObject()) {
            return Run.notCalled("InvalidInvocation", "userPoolId, target and an event object are required");
        }
        long timeoutMillis = Math.max(1, Math.min(request.timeoutMillis() <= 0 ? 5000 : request.timeoutMillis(), maxTimeout.toMillis()));
        String body;
        try {
            body = json.writeValueAsString(request.event());
        } catch (JsonProcessingException e) {
            return Run.notCalled("InvalidInvocation", "the event cannot be written as JSON");
        }
        String target = request.target();
        LongFunction<Attempt> attempt;
        if (LambdaTargets.isArn(target) && lambdaTargets.urlOf(target).isEmpty()) {
            if (!lambdaFunctions.configured()) {
                return Run.notCalled("LambdaNotSupported", "no AWS Lambda endpoint and credentials are configured "
                        + "(cognate.triggers.lambda.*); or map " + target + " to a webhook URL with cognate.triggers.lambda-arn-urls");
            }
            attempt = timeout -> lambdaFunctions.invoke(target, body, timeout);
        } else {
            String url = LambdaTargets.isArn(target) ? lambdaTargets.urlOf(target).orElseThrow() : target;
            WebhookCall.Prepared checked = WebhookCall.check(url, guard);
            if (checked instanceof WebhookCall.Refused refused) {
                return new Run(refused.result(), 0);
            }
            String secret;
            try {
                secret = secrets.of(request.userPoolId()).await().atMost(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warnf("trigger %s of %s: cannot prepare the call: %s", request.trigger(), request.userPoolId(), e.toString());
                return Run.notCalled("SigningFailed", "the call could not be signed");
            }
            WebhookCall webhook = WebhookCall.to((WebhookCall.Ready) checked, client, context, json, clock, body, contentType, secret,
                    "msg_" + UUID.randomUUID());
            attempt = webhook::send;
        }
        if (!breakers.allow(target)) {
            return Run.notCalled("CircuitOpen", "the function failed to answer repeatedly; calls are paused for a while");
        }
        RetryPolicy.Tried tried = retries.run(attempt, timeoutMillis);
        breakers.record(target, !tried.noAnswer());
        return new Run(tried.result(), tried.attempts());
    }

    private void record(TriggerInvocationLog.Entry entry) {
        log.insert(entry).subscribe().with(done -> {
        }, failure -> LOG.warnf("trigger %s of %s: the invocation log row was not written: %s", entry.trigger(), entry.userPoolId(), failure.toString()));
    }

    /** The state of {@code target}'s circuit breaker (tests, diagnostics). */
    public String circuitState(String target) {
        return breakers.state(target).name();
    }
}
