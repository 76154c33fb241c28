package dev.cognate.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.internalapi.TriggerInvocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * trigger-runner's internal invoke API ({@code POST /internal/v1/triggers/invoke} on its internal port, 8094 in the local
 * stack), called as user-pool-service calls it, with the contract's own records (libs/internal-api). A call that does not
 * end {@code ANSWERED} throws {@link OAuthEndpoints.HttpStatusException}, named in the error table by its outcome.
 */
final class TriggerInvokeApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI invoke;
    private final HttpClient http;
    private final Duration timeout;

    TriggerInvokeApi(URI internalEndpoint, Duration timeout) {
        this.invoke = internalEndpoint.resolve(InternalRoutes.TRIGGERS + InternalRoutes.TRIGGER_INVOKE);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One PreTokenGeneration V1_0 call of {@code target} for {@code userPoolId}; returns the function's answer. */
    JsonNode invoke(String userPoolId, String target) {
        TriggerInvocation.Request request = new TriggerInvocation.Request(userPoolId, "PreTokenGeneration", target, 5000,
                preTokenGenerationEvent(userPoolId));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(invoke).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new OAuthEndpoints.HttpStatusException(response.statusCode(), "-", response.body());
            }
            TriggerInvocation.Result result = JSON.readValue(response.body(), TriggerInvocation.Result.class);
            if (result.outcome() != TriggerInvocation.Outcome.ANSWERED) {
                throw new OAuthEndpoints.HttpStatusException(response.statusCode(), result.outcome() + "/" + result.errorType(), response.body());
            }
            return result.event();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The event user-pool-service sends for a USER_PASSWORD_AUTH sign-in (the shape of its README), for one made-up user. */
    private static JsonNode preTokenGenerationEvent(String userPoolId) {
        var event = JSON.createObjectNode().put("version", "1").put("triggerSource", "TokenGeneration_Authentication")
                .put("region", "us-east-1").put("userPoolId", userPoolId).put("userName", "load-user@example.com");
        event.putObject("callerContext").put("awsSdkVersion", "aws-sdk-unknown-unknown").put("clientId", "loadclient0000000000000000");
        var request = event.putObject("request");
        request.putObject("userAttributes").put("sub", "8f1b2c3d-0000-4000-8000-000000000001").put("email", "load-user@example.com")
                .put("email_verified", "true").put("cognito:user_status", "CONFIRMED");
        var groups = request.putObject("groupConfiguration");
        groups.putArray("groupsToOverride");
        groups.putArray("iamRolesToOverride");
        groups.putNull("preferredRole");
        event.putObject("response").putNull("claimsOverrideDetails");
        return event;
    }
}
