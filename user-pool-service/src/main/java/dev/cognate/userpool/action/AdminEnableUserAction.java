package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminEnableUser: re-enables a disabled user; idempotent. */
@ApplicationScoped
public class AdminEnableUserAction implements AwsAction<AdminEnableUserAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username) {
    }

    private final UserService service;

    public AdminEnableUserAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminEnableUser";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username()).throwIfInvalid();
        return service.setEnabled(request.userPoolId(), request.username(), true).replaceWith(Map.of());
    }
}
