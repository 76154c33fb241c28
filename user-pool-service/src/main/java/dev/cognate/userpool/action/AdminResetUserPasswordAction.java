package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.UserAccountService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminResetUserPassword: the password stops working (RESET_REQUIRED) until the user recovers it; needs a verified email or phone number. */
@ApplicationScoped
public class AdminResetUserPasswordAction implements AwsAction<AdminResetUserPasswordAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, Map<String, String> clientMetadata) {
    }

    private final UserAccountService service;

    public AdminResetUserPasswordAction(UserAccountService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminResetUserPassword";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username()).throwIfInvalid();
        return service.adminResetUserPassword(request.userPoolId(), request.username()).replaceWith(Map.of());
    }
}
