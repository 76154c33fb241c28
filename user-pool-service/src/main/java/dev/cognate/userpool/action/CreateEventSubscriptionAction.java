package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.internalapi.EventDeliveries;
import dev.cognate.userpool.trigger.TriggerAdministration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.CreateEventSubscription} ({@code {"UserPoolId", "Endpoint",
 * "EventTypes"}}): trigger-runner POSTs every event of the pool whose type is listed ({@code cognate.userpool.*.v1}, or
 * {@code "*"} for all) to {@code Endpoint} as a CloudEvent (structured JSON), signed per Standard Webhooks with the pool's
 * webhook secret (GetTriggerWebhookSecret), retried and dead-lettered like the post-event triggers. The endpoint is an
 * {@code https://} URL (or {@code http://} to a host trigger-runner's egress guard allows) that the guard accepts.
 * Answers {@code {"EventSubscription"}}.
 */
@ApplicationScoped
public class CreateEventSubscriptionAction implements CognateAdminAction<CreateEventSubscriptionAction.Request, CreateEventSubscriptionAction.Response> {

    public record Request(String userPoolId, String endpoint, List<String> eventTypes) {
    }

    /** A subscription; {@code creationDate} in epoch seconds. */
    public record EventSubscription(String id, String endpoint, List<String> eventTypes, long creationDate) {
        static EventSubscription of(EventDeliveries.Subscription subscription) {
            return new EventSubscription(subscription.id(), subscription.endpoint(), subscription.eventTypes(), subscription.createdAt());
        }
    }

    public record Response(EventSubscription eventSubscription) {
    }

    private final TriggerAdministration administration;

    public CreateEventSubscriptionAction(TriggerAdministration administration) {
        this.administration = administration;
    }

    @Override
    public String name() {
        return "CreateEventSubscription";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .required("endpoint", request.endpoint()).length("endpoint", request.endpoint(), 1, 2048)
                .required("eventTypes", request.eventTypes()).size("eventTypes", request.eventTypes(), 1, 50)
                .throwIfInvalid();
        return administration.subscribe(request.userPoolId(), request.endpoint(), request.eventTypes())
                .map(created -> new Response(EventSubscription.of(created)));
    }
}
