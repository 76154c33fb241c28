package dev.cognate.userpool.action;

import dev.cognate.userpool.service.UserAccountService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminConfirmSignUp: confirms an UNCONFIRMED user. */
@ApplicationScoped
public class AdminConfirmSignUpAction extends AdminUserAction {

    private final UserAccountService service;

    public AdminConfirmSignUpAction(UserAccountService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminConfirmSignUp";
    }

    @Override
    protected Uni<Void> apply(String userPoolId, String username) {
        return service.adminConfirmSignUp(userPoolId, username, null);
    }

    @Override
    protected Uni<Void> apply(String userPoolId, String username, Map<String, String> clientMetadata) {
        return service.adminConfirmSignUp(userPoolId, username, clientMetadata);
    }
}
