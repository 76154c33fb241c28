package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.trigger.TriggerAdministration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;


import java.util.Map;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.ReplayTriggerDeadLetter} ({@code {"UserPoolId", "Id"}}): a dead letter
 * of ListTriggerDeadLetters is delivered again at once, its attempts counted afresh (it leaves the list; it comes back if
 * it fails again). {@code ResourceNotFoundException} when the pool has no such dead letter. Answers {@code {}}.
 */
@ApplicationScoped
public class ReplayTriggerDeadLetterAction implements CognateAdminAction<ReplayTriggerDeadLetterAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String id) {
    }

    private final TriggerAdministration administration;

    public ReplayTriggerDeadLetterAction(TriggerAdministration administration) {
        this.administration = administration;
    }

    @Override
    public String name() {
        return "ReplayTriggerDeadLetter";
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
        return administration.replay(request.userPoolId(), request.id()).replaceWith(Map.of());
    }
}
