package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.trigger.WebhookSecrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.GetTriggerWebhookSecret} ({@code {"UserPoolId"}}): the
 * Standard Webhooks secret ({@code whsec_...}) trigger-runner signs the pool's trigger calls with, for the functions to
 * verify them (made on first use). Answers {@code {"Secret"}}.
 */
@ApplicationScoped
public class GetTriggerWebhookSecretAction implements CognateAdminAction<GetTriggerWebhookSecretAction.Request, GetTriggerWebhookSecretAction.Response> {

    public record Request(String userPoolId) {
    }

    public record Response(String secret) {
    }

    private final WebhookSecrets secrets;

    public GetTriggerWebhookSecretAction(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "GetTriggerWebhookSecret";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of().required("userPoolId", request.userPoolId()), request.userPoolId()).throwIfInvalid();
        return secrets.secret(request.userPoolId()).map(Response::new);
    }
}
