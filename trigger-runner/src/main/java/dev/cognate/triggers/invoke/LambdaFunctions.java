package dev.cognate.triggers.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.triggers.config.TriggerRunnerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lambda ARNs run through the AWS Lambda {@code Invoke} API ({@code RequestResponse}, the event as payload), with the
 * AWS SDK's {@link LambdaClient} at {@code cognate.triggers.lambda.endpoint}, signed (SigV4) with the configured keys.
 * Without an endpoint or keys it is {@link #configured() not configured} and ARNs fail closed as before. The SDK's own
 * retries are off: {@link RetryPolicy} retries as Cognito, within the caller's timeout. The endpoint is the operator's
 * choice, so it does not pass the egress guard (which is for the URLs pool administrators give).
 */
@ApplicationScoped
public class LambdaFunctions {

    private static final Logger LOG = Logger.getLogger(LambdaFunctions.class);

    /** At most this many Lambda calls at once per replica; more end as no answer ({@code Overloaded}), retried. */
    private static final int MAX_CONCURRENT_CALLS = 64;

    private final Optional<LambdaClient> client;
    private final ObjectMapper json;
    /**
     * The SDK cuts a call at its timeout by interrupting the thread that runs it: that thread is one of these, never the
     * caller's (a Quarkus worker, whose answer must still be written).
     */
    private final ThreadPoolExecutor calls = new ThreadPoolExecutor(0, MAX_CONCURRENT_CALLS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "lambda-invoke");
                thread.setDaemon(true);
                return thread;
            });

    public LambdaFunctions(TriggerRunnerConfig config, ObjectMapper json) {
        this.json = json;
        TriggerRunnerConfig.Lambda lambda = config.triggers().lambda();
        if (lambda.endpoint().isEmpty() || lambda.accessKeyId().isEmpty() || lambda.secretAccessKey().isEmpty()) {
            this.client = Optional.empty();
            return;
        }
        AwsCredentials credentials = lambda.sessionToken()
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(lambda.accessKeyId().get(), lambda.secretAccessKey().get(), token))
                .orElseGet(() -> AwsBasicCredentials.create(lambda.accessKeyId().get(), lambda.secretAccessKey().get()));
        Duration maxTimeout = config.triggers().maxTimeout();
        this.client = Optional.of(LambdaClient.builder()
                .endpointOverride(lambda.endpoint().get())
                .region(Region.of(lambda.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(maxTimeout).socketTimeout(maxTimeout).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build());
        LOG.infof("Lambda ARNs not mapped to a URL are invoked at %s (region %s)", lambda.endpoint().get(), lambda.region());
    }

    /** Whether an endpoint and credentials are configured. */
    public boolean configured() {
        return client.isPresent();
    }

    /** One synchronous invocation of {@code arn} with {@code payload}, cut at {@code timeoutMillis}. */
    Attempt invoke(String arn, String payload, long timeoutMillis) {
        Future<Attempt> call;
        try {
            call = calls.submit(() -> invokeNow(arn, payload, timeoutMillis));
        } catch (RejectedExecutionException e) {
            return Attempt.retriable(Result.failed(Outcome.NO_ANSWER, "Overloaded", "too many Lambda calls at once"));
        }
        try {
            // The SDK's own timeout ends the call first; this bound is for a client that does not notice it.
            return call.get(timeoutMillis + 250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return timedOut(timeoutMillis);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return Attempt.finished(Result.failed(Outcome.NO_ANSWER, "Interrupted", "the call was interrupted"));
        } catch (ExecutionException e) {
            LOG.warnf("Lambda call to %s failed unexpectedly: %s", arn, String.valueOf(e.getCause()));
            return Attempt.retriable(Result.failed(Outcome.NO_ANSWER, "Unreachable", "AWS Lambda could not be called"));
        }
    }

    private static Attempt timedOut(long timeoutMillis) {
        return Attempt.retriable(Result.failed(Outcome.NO_ANSWER, "TimeoutError", "the function did not answer within " + timeoutMillis + " ms"));
    }

    private Attempt invokeNow(String arn, String payload, long timeoutMillis) {
        LambdaClient lambda = client.orElseThrow();
        InvokeResponse response;
        try {
            response = lambda.invoke(request -> request.functionName(arn)
                    .invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String(payload))
                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(timeoutMillis))));
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            return timedOut(timeoutMillis);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null ? e.awsErrorDetails().errorCode()
                    : e.statusCode() == 429 ? "TooManyRequestsException" : "ServiceException";
            Result failed = Result.failed(Outcome.NO_ANSWER, code, "AWS Lambda answered HTTP " + e.statusCode() + " (" + code + ")");
            // Throttling and the service's own failures pass; the rest (no such function, access denied, bad request) would not.
            return e.statusCode() == 429 || e.statusCode() >= 500 ? Attempt.retriable(failed) : Attempt.finished(failed);
        } catch (AbortedException e) {
            return timedOut(timeoutMillis);
        } catch (SdkClientException e) {
            return Attempt.retriable(Result.failed(Outcome.NO_ANSWER, "Unreachable", "AWS Lambda could not be reached: "
                    + (e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName())));
        }
        return read(response);
    }

    /**
     * {@code X-Amz-Function-Error} set: the function failed, its payload is {@code {"errorType","errorMessage",...}};
     * otherwise the payload is the handler's return value, which must be the event object.
     */
    private Attempt read(InvokeResponse response) {
        JsonNode parsed;
        try {
            byte[] bytes = response.payload() == null ? new byte[0] : response.payload().asByteArray();
            parsed = bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException e) {
            parsed = null;
        }
        if (response.functionError() != null) {
            String errorType = parsed != null && parsed.path("errorType").isTextual() ? parsed.get("errorType").asText() : response.functionError();
            String errorMessage = parsed != null && parsed.path("errorMessage").isTextual() ? parsed.get("errorMessage").asText()
                    : "the function failed (" + response.functionError() + ")";
            return Attempt.finished(Result.failed(Outcome.FUNCTION_ERROR, errorType, errorMessage));
        }
        return Attempt.finished(parsed != null && parsed.isObject() ? Result.answered(parsed)
                : Result.failed(Outcome.INVALID_RESPONSE, "InvalidAnswer", "the answer is not a JSON object"));
    }

    @PreDestroy
    void close() {
        calls.shutdownNow();
        client.ifPresent(LambdaClient::close);
    }
}
