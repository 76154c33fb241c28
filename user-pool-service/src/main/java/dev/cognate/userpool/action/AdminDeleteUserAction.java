package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminDeleteUser: deletes the user, its aliases, group memberships and search entries. */
@ApplicationScoped
public class AdminDeleteUserAction implements AwsAction<AdminDeleteUserAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username) {
    }

    private final UserService service;

    public AdminDeleteUserAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminDeleteUser";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username()).throwIfInvalid();
        return service.adminDeleteUser(request.userPoolId(), request.username()).replaceWith(Map.of());
    }
}
