package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.trigger.TriggerAdministration;
import dev.cognate.userpool.trigger.TriggerSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.DescribeTriggerSettings} ({@code {"UserPoolId"}}): the pool's trigger
 * settings ({@code {"UserPoolId", "PostEventTriggers", "TimeoutSeconds"}}), the defaults when none were set.
 */
@ApplicationScoped
public class DescribeTriggerSettingsAction implements CognateAdminAction<DescribeTriggerSettingsAction.Request, DescribeTriggerSettingsAction.Response> {

    public record Request(String userPoolId) {
    }

    /** The pool's trigger settings as both actions answer them. */
    public record Response(String userPoolId, String postEventTriggers, int timeoutSeconds) {
        static Response of(String userPoolId, TriggerSettings settings) {
            return new Response(userPoolId, settings.postEventTriggers().name(), settings.timeoutSeconds());
        }
    }

    private final TriggerAdministration administration;

    public DescribeTriggerSettingsAction(TriggerAdministration administration) {
        this.administration = administration;
    }

    @Override
    public String name() {
        return "DescribeTriggerSettings";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()).throwIfInvalid();
        return administration.settings(request.userPoolId()).map(settings -> Response.of(request.userPoolId(), settings));
    }
}
