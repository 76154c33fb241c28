package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.trigger.WebhookSecrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.RotateTriggerWebhookSecret} ({@code {"UserPoolId"}}): a new
 * Standard Webhooks secret signs the pool's trigger calls from now on (the previous one at once stops: give the
 * functions the new one). Answers {@code {"Secret"}}.
 */
@ApplicationScoped
public class RotateTriggerWebhookSecretAction implements CognateAdminAction<RotateTriggerWebhookSecretAction.Request, RotateTriggerWebhookSecretAction.Response> {

    public record Request(String userPoolId) {
    }

    public record Response(String secret) {
    }

    private final WebhookSecrets secrets;

    public RotateTriggerWebhookSecretAction(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "RotateTriggerWebhookSecret";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of().required("userPoolId", request.userPoolId()), request.userPoolId()).throwIfInvalid();
        return secrets.rotate(request.userPoolId()).map(Response::new);
    }
}
