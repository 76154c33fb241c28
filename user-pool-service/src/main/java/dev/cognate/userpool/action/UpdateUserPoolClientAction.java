package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.AppClientService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * UpdateUserPoolClient. As in Cognito, every setting the request leaves out returns to its default; the
 * client's name is kept when omitted, and its secrets are untouched.
 */
@ApplicationScoped
public class UpdateUserPoolClientAction implements AwsAction<AppClientRequests.Request, ObjectNode> {

    private final AppClientService service;

    public UpdateUserPoolClientAction(AppClientService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateUserPoolClient";
    }

    @Override
    public Class<AppClientRequests.Request> requestType() {
        return AppClientRequests.Request.class;
    }

    @Override
    public Uni<ObjectNode> execute(AppClientRequests.Request request, ActionContext context) {
        ObjectNode settings = AppClientRequests.settings(request, false);
        return service.updateUserPoolClient(request.userPoolId(), request.clientId(), request.clientName(), settings)
                .map(AppClientResponses::userPoolClient);
    }
}
