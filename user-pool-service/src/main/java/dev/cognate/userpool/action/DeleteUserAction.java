package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.AccountSelfService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** DeleteUser: the signed-in user deletes itself; its tokens stop working. */
@ApplicationScoped
public class DeleteUserAction implements AwsAction<DeleteUserAction.Request, Map<String, Object>> {

    public record Request(String accessToken) {
    }

    private final AccountSelfService service;

    public DeleteUserAction(AccountSelfService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteUser";
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.ACCESS_TOKEN;
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation.of().required("accessToken", request.accessToken()).throwIfInvalid();
        return service.deleteUser(request.accessToken()).replaceWith(Map.of());
    }
}
