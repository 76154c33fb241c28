package dev.cognate.userpool.action;

import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** AdminEnableUser: re-enables a disabled user; idempotent. */
@ApplicationScoped
public class AdminEnableUserAction extends AdminUserAction {

    private final UserService service;

    public AdminEnableUserAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminEnableUser";
    }

    @Override
    protected Uni<Void> apply(String userPoolId, String username) {
        return service.setEnabled(userPoolId, username, true);
    }
}
