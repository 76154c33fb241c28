package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.AppClientService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * CreateUserPoolClient: a new app client with a random 26-character id, Cognito's defaults for what is
 * omitted, and with {@code GenerateSecret} a random secret stored encrypted and returned as {@code ClientSecret}.
 */
@ApplicationScoped
public class CreateUserPoolClientAction implements AwsAction<AppClientRequests.Request, ObjectNode> {

    private final AppClientService service;

    public CreateUserPoolClientAction(AppClientService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateUserPoolClient";
    }

    @Override
    public Class<AppClientRequests.Request> requestType() {
        return AppClientRequests.Request.class;
    }

    @Override
    public Uni<ObjectNode> execute(AppClientRequests.Request request, ActionContext context) {
        ObjectNode settings = AppClientRequests.settings(request, true);
        return service.createUserPoolClient(request.userPoolId(), request.clientName(), settings,
                        Boolean.TRUE.equals(request.generateSecret()))
                .map(AppClientResponses::userPoolClient);
    }
}
