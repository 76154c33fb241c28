package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.internalapi.TriggerInvocationLog;
import dev.cognate.userpool.trigger.TriggerInvocations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.ListTriggerInvocations}
 * ({@code {"UserPoolId", "Trigger"?, "MaxResults"?, "NextToken"?}}): the pool's trigger calls as trigger-runner logged
 * them, newest first, {@code MaxResults} (1–60, default 60) at a time, continued with {@code NextToken}. Each entry names
 * the trigger, the target (a URL without its query string, or the Lambda ARN), when it started, how long it took, how it
 * ended ({@code ANSWERED}, {@code FUNCTION_ERROR}, {@code INVALID_RESPONSE}, {@code NO_ANSWER}), the error type and the
 * number of attempts; never the event or the answer.
 */
@ApplicationScoped
public class ListTriggerInvocationsAction implements CognateAdminAction<ListTriggerInvocationsAction.Request, ListTriggerInvocationsAction.Response> {

    /** The {@code LambdaConfig} members a call can be logged for. */
    static final List<String> TRIGGERS = List.of("PreSignUp", "CustomMessage", "PostConfirmation", "PreAuthentication",
            "PostAuthentication", "DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse",
            "PreTokenGeneration", "UserMigration", "CustomSMSSender", "CustomEmailSender", "InboundFederation");

    public record Request(String userPoolId, String trigger, Integer maxResults, String nextToken) {
    }

    public record Response(List<TriggerInvocationType> invocations, String nextToken) {
    }

    public record TriggerInvocationType(String trigger, String target, Instant startedAt, long durationMillis,
                                        String outcome, String errorType, int attempts) {

        static TriggerInvocationType of(TriggerInvocationLog.Entry entry) {
            return new TriggerInvocationType(entry.trigger(), entry.target(), Instant.ofEpochMilli(entry.startedAt()),
                    entry.durationMillis(), entry.outcome(), entry.errorType(), entry.attempts());
        }
    }

    private final TriggerInvocations invocations;

    public ListTriggerInvocationsAction(TriggerInvocations invocations) {
        this.invocations = invocations;
    }

    @Override
    public String name() {
        return "ListTriggerInvocations";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of().required("userPoolId", request.userPoolId()), request.userPoolId())
                .oneOf("trigger", request.trigger(), TRIGGERS)
                .range("maxResults", request.maxResults(), 1, TriggerInvocationLog.MAX_RESULTS)
                .length("nextToken", request.nextToken(), 1, 512)
                .throwIfInvalid();
        int limit = request.maxResults() == null ? TriggerInvocationLog.MAX_RESULTS : request.maxResults();
        return invocations.page(request.userPoolId(), request.trigger(), limit, request.nextToken())
                .map(page -> new Response(page.invocations().stream().map(TriggerInvocationType::of).toList(), page.nextToken()));
    }
}
