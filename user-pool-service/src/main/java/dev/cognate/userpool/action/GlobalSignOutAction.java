package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** GlobalSignOut: the caller's refresh tokens revoked everywhere; its access tokens stop working. */
@ApplicationScoped
public class GlobalSignOutAction implements AwsAction<GlobalSignOutAction.Request, Map<String, Object>> {

    public record Request(String accessToken) {
    }

    private final TokenService service;

    public GlobalSignOutAction(TokenService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GlobalSignOut";
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
        return service.globalSignOut(request.accessToken(), context.sourceIp()).replaceWith(Map.of());
    }
}
