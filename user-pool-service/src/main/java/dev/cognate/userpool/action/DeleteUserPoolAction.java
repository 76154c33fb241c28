package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** DeleteUserPool; refused while the pool's DeletionProtection is ACTIVE. */
@ApplicationScoped
public class DeleteUserPoolAction implements AwsAction<DeleteUserPoolAction.Request, Map<String, Object>> {

    public record Request(String userPoolId) {
    }

    private final UserPoolService service;

    public DeleteUserPoolAction(UserPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteUserPool";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()).throwIfInvalid();
        return service.deleteUserPool(request.userPoolId()).replaceWith(Map.of());
    }
}
