package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.domain.AuthEvent;
import dev.cognate.userpool.service.AuthEventService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * AdminListUserAuthEvents: a user's authentication events as {@code AuthEventType}, newest first, {@code MaxResults}
 * (0–60; absent or 0 means 60) at a time, continued with {@code NextToken}. Beyond Cognito, every pool has them (Cognito
 * answers UserPoolAddOnNotEnabledException without threat protection). There is no risk engine: every event says
 * {@code RiskDecision} NoRisk, no {@code RiskLevel}, no compromised credentials, and no feedback.
 */
@ApplicationScoped
public class AdminListUserAuthEventsAction implements AwsAction<AdminListUserAuthEventsAction.Request, AdminListUserAuthEventsAction.Response> {

    static final int MAX_RESULTS = 60;

    public record Request(String userPoolId, String username, Integer maxResults, String nextToken) {
    }

    public record Response(List<AuthEventType> authEvents, String nextToken) {
    }

    public record AuthEventType(String eventId, String eventType, Instant creationDate, String eventResponse, EventRiskType eventRisk,
                                List<ChallengeResponseType> challengeResponses, EventContextDataType eventContextData) {

        static AuthEventType of(AuthEvent event) {
            return new AuthEventType(event.eventId().toString(), event.eventType(), event.createdAt(), event.eventResponse(),
                    new EventRiskType("NoRisk", null, false),
                    challengeResponsesOf(event),
                    new EventContextDataType(event.ipAddress(), null));
        }
    }

    /** Cognito's ChallengeResponses name two challenges only: {@code Password} and {@code Mfa}, each when it was checked. */
    static List<ChallengeResponseType> challengeResponsesOf(AuthEvent event) {
        List<ChallengeResponseType> responses = new java.util.ArrayList<>(2);
        if (event.challengeResponse() != null) {
            responses.add(new ChallengeResponseType("Password", event.challengeResponse()));
        }
        if (event.mfaResponse() != null) {
            responses.add(new ChallengeResponseType("Mfa", event.mfaResponse()));
        }
        return responses;
    }

    public record EventRiskType(String riskDecision, String riskLevel, boolean compromisedCredentialsDetected) {
    }

    public record ChallengeResponseType(String challengeName, String challengeResponse) {
    }

    public record EventContextDataType(String ipAddress, String deviceName) {
    }

    private final AuthEventService service;

    public AdminListUserAuthEventsAction(AuthEventService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminListUserAuthEvents";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username())
                .range("maxResults", request.maxResults(), 0, MAX_RESULTS)
                .length("nextToken", request.nextToken(), 1, 131072)
                .throwIfInvalid();
        int limit = request.maxResults() == null || request.maxResults() == 0 ? MAX_RESULTS : request.maxResults();
        return service.adminListUserAuthEvents(request.userPoolId(), request.username(), request.nextToken(), limit)
                .map(page -> new Response(page.items().stream().map(AuthEventType::of).toList(), page.nextToken()));
    }
}
