package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.trigger.TriggerAdministration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;


import java.util.Map;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.DeleteEventSubscription} ({@code {"UserPoolId", "Id"}}): no further
 * events go to the subscription (deliveries already pending still run). {@code ResourceNotFoundException} when the pool
 * has no such subscription. Answers {@code {}}.
 */
@ApplicationScoped
public class DeleteEventSubscriptionAction implements CognateAdminAction<DeleteEventSubscriptionAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String id) {
    }

    private final TriggerAdministration administration;

    public DeleteEventSubscriptionAction(TriggerAdministration administration) {
        this.administration = administration;
    }

    @Override
    public String name() {
        return "DeleteEventSubscription";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .required("id", request.id()).length("id", request.id(), 1, 64)
                .throwIfInvalid();
        return administration.unsubscribe(request.userPoolId(), request.id()).replaceWith(Map.of());
    }
}
