package dev.cognate.internalapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link InternalRoutes#TRIGGER_INVOKE}: one synchronous Lambda trigger call, from user-pool-service to trigger-runner.
 * user-pool-service builds Cognito's event and reads the answer; trigger-runner only delivers it to the target (signed,
 * through its egress guard, within the timeout) and tells how the call ended.
 */
public final class TriggerInvocation {

    private TriggerInvocation() {
    }

    /**
     * @param userPoolId    the pool (its webhook secret signs the request)
     * @param trigger       the {@code LambdaConfig} member, e.g. {@code PreSignUp} (logs and metrics)
     * @param target        the member's value: an {@code https://} or allow-listed {@code http://} URL, or a Lambda ARN
     * @param timeoutMillis how long the function may take to answer (Cognito: 5000)
     * @param event         Cognito's event, {@code response} as Cognito sends it
     */
    public record Request(String userPoolId, String trigger, String target, long timeoutMillis, JsonNode event) {
    }

    /** How a call ended; user-pool-service maps each to Cognito's exception. */
    public enum Outcome {
        /** A 2xx answer with a JSON object: the event with {@code response} filled in ({@link Result#event}). */
        ANSWERED,
        /** The function failed: a non-2xx answer; {@code errorType}/{@code errorMessage} from its Lambda-style error body. */
        FUNCTION_ERROR,
        /** A 2xx answer that is not a JSON object. */
        INVALID_RESPONSE,
        /** No answer: unreachable, refused by the egress guard, an unmapped Lambda ARN, or the timeout passed. */
        NO_ANSWER
    }

    /**
     * @param outcome      how the call ended
     * @param event        the function's answer ({@link Outcome#ANSWERED} only)
     * @param errorType    the function's {@code errorType} ({@link Outcome#FUNCTION_ERROR}), or Cognate's reason otherwise
     * @param errorMessage the function's {@code errorMessage}, or what went wrong (never the payload)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(Outcome outcome, JsonNode event, String errorType, String errorMessage) {

        public static Result answered(JsonNode event) {
            return new Result(Outcome.ANSWERED, event, null, null);
        }

        public static Result failed(Outcome outcome, String errorType, String errorMessage) {
            return new Result(outcome, null, errorType, errorMessage);
        }
    }

    /** {@link InternalRoutes#WEBHOOK_SECRET}: the pool's Standard Webhooks secret, {@code whsec_<base64 of 32 bytes>}. */
    public record WebhookSecret(String userPoolId, String secret) {
    }
}
