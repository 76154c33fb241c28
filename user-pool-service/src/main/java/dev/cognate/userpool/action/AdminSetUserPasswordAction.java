package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.UserAccountService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminSetUserPassword: a permanent password confirms the user; a temporary one puts it in FORCE_CHANGE_PASSWORD. */
@ApplicationScoped
public class AdminSetUserPasswordAction implements AwsAction<AdminSetUserPasswordAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, String password, Boolean permanent) {
    }

    private final UserAccountService service;

    public AdminSetUserPasswordAction(UserAccountService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminSetUserPassword";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserRequests.password(UserRequests.target(request.userPoolId(), request.username()).required("password", request.password()),
                "password", request.password(), 1).throwIfInvalid();
        return service.adminSetUserPassword(request.userPoolId(), request.username(), request.password(),
                Boolean.TRUE.equals(request.permanent())).replaceWith(Map.of());
    }
}
