package dev.cognate.userpool.action;

import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** AdminDisableUser: the user can no longer sign in (status unchanged); idempotent. */
@ApplicationScoped
public class AdminDisableUserAction extends AdminUserAction {

    private final UserService service;

    public AdminDisableUserAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminDisableUser";
    }

    @Override
    protected Uni<Void> apply(String userPoolId, String username) {
        return service.setEnabled(userPoolId, username, false);
    }
}
