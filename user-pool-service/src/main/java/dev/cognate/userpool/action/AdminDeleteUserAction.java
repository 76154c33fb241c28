package dev.cognate.userpool.action;

import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** AdminDeleteUser: deletes the user, its aliases, group memberships and search entries. */
@ApplicationScoped
public class AdminDeleteUserAction extends AdminUserAction {

    private final UserService service;

    public AdminDeleteUserAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminDeleteUser";
    }

    @Override
    protected Uni<Void> apply(String userPoolId, String username) {
        return service.adminDeleteUser(userPoolId, username);
    }
}
