package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.internalapi.EventDeliveries;
import dev.cognate.userpool.trigger.TriggerAdministration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.ListTriggerDeadLetters} ({@code {"UserPoolId", "MaxResults" (1–60,
 * default 60), "NextToken"}}): the pool's durable deliveries that trigger-runner gave up — post-event trigger calls
 * ({@code Kind} TRIGGER, {@code Name} the trigger) and event subscription deliveries ({@code Kind} SUBSCRIPTION, {@code Name}
 * the event type) — with their attempts and last error; replay one with ReplayTriggerDeadLetter.
 */
@ApplicationScoped
public class ListTriggerDeadLettersAction implements CognateAdminAction<ListTriggerDeadLettersAction.Request, ListTriggerDeadLettersAction.Response> {

    public record Request(String userPoolId, Integer maxResults, String nextToken) {
    }

    /** One dead letter; dates in epoch seconds. */
    public record DeadLetter(String id, String kind, String name, String target, String eventId, String subscriptionId,
                             int attempts, String lastError, long creationDate, long deadLetterDate) {
        static DeadLetter of(EventDeliveries.DeadLetter letter) {
            return new DeadLetter(letter.id(), letter.kind().name(), letter.name(), letter.target(), letter.eventId(),
                    letter.subscriptionId(), letter.attempts(), letter.lastError(), letter.createdAt(), letter.deadLetteredAt());
        }
    }

    public record Response(List<DeadLetter> deadLetters, String nextToken) {
    }

    private final TriggerAdministration administration;

    public ListTriggerDeadLettersAction(TriggerAdministration administration) {
        this.administration = administration;
    }

    @Override
    public String name() {
        return "ListTriggerDeadLetters";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .range("maxResults", request.maxResults(), 1, 60)
                .length("nextToken", request.nextToken(), 1, 1024)
                .throwIfInvalid();
        return administration.deadLetters(request.userPoolId(), request.maxResults(), request.nextToken())
                .map(page -> new Response(page.deadLetters().stream().map(DeadLetter::of).toList(), page.nextToken()));
    }
}
