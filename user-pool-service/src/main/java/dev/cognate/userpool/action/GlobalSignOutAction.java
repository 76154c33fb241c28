package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.userpool.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GlobalSignOut: the caller's refresh tokens revoked everywhere; its access tokens stop working. */
@ApplicationScoped
public class GlobalSignOutAction extends AccessTokenAction {

    private final TokenService service;

    public GlobalSignOutAction(TokenService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GlobalSignOut";
    }

    @Override
    protected Uni<Void> apply(String accessToken, ActionContext context) {
        return service.globalSignOut(accessToken, context.sourceIp());
    }
}
