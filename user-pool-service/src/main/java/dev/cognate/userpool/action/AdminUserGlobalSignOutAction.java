package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminUserGlobalSignOut: the user's refresh tokens revoked everywhere; its access tokens stop working. */
@ApplicationScoped
public class AdminUserGlobalSignOutAction implements AwsAction<AdminUserGlobalSignOutAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username) {
    }

    private final TokenService service;

    public AdminUserGlobalSignOutAction(TokenService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminUserGlobalSignOut";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username()).throwIfInvalid();
        return service.adminUserGlobalSignOut(request.userPoolId(), request.username(), context.sourceIp()).replaceWith(Map.of());
    }
}
