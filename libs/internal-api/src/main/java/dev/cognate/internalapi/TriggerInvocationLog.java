package dev.cognate.internalapi;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@link InternalRoutes#TRIGGER_INVOCATIONS}: the calls trigger-runner made for a pool's triggers, newest first, as its
 * invocation log keeps them (never the event or the answer). user-pool-service pages through them for
 * {@code CognateAdmin.ListTriggerInvocations}.
 */
public final class TriggerInvocationLog {

    /** The most entries one page may hold ({@code maxResults} 1 to this). */
    public static final int MAX_RESULTS = 60;

    private TriggerInvocationLog() {
    }

    /**
     * One trigger call.
     *
     * @param userPoolId     the pool
     * @param trigger        the {@code LambdaConfig} member, e.g. {@code PreSignUp}
     * @param target         the function called: its URL without query string or user info, or its Lambda ARN
     * @param startedAt      when the call started, epoch milliseconds
     * @param durationMillis how long the call took, every attempt and the waits between them included
     * @param outcome        how it ended ({@link TriggerInvocation.Outcome} name)
     * @param errorType      the function's {@code errorType} or Cognate's reason; absent when answered
     * @param attempts       how many times the function was called (0: refused before any call, e.g. circuit open)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String userPoolId, String trigger, String target, long startedAt, long durationMillis,
                        String outcome, String errorType, int attempts) {
    }

    /** One page; {@code nextToken} absent on the last one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<Entry> invocations, String nextToken) {
    }

    /** The error answered (HTTP 400) for a bad {@code nextToken}, {@code maxResults} or {@code trigger}. */
    public record Error(String message) {
    }
}
