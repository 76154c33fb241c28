package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.UserAccountService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminConfirmSignUp: confirms an UNCONFIRMED user. */
@ApplicationScoped
public class AdminConfirmSignUpAction implements AwsAction<AdminConfirmSignUpAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, Map<String, String> clientMetadata) {
    }

    private final UserAccountService service;

    public AdminConfirmSignUpAction(UserAccountService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminConfirmSignUp";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username()).throwIfInvalid();
        return service.adminConfirmSignUp(request.userPoolId(), request.username()).replaceWith(Map.of());
    }
}
