package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.AppClientService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** DeleteUserPoolClient: the client and its secrets. */
@ApplicationScoped
public class DeleteUserPoolClientAction implements AwsAction<AppClientRequests.Key, Map<String, Object>> {

    private final AppClientService service;

    public DeleteUserPoolClientAction(AppClientService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteUserPoolClient";
    }

    @Override
    public Class<AppClientRequests.Key> requestType() {
        return AppClientRequests.Key.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(AppClientRequests.Key request, ActionContext context) {
        AppClientRequests.validateKey(request);
        return service.deleteUserPoolClient(request.userPoolId(), request.clientId()).replaceWith(Map.of());
    }
}
