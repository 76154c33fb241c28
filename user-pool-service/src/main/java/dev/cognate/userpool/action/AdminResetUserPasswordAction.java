package dev.cognate.userpool.action;

import dev.cognate.userpool.service.UserAccountService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** AdminResetUserPassword: the password stops working (RESET_REQUIRED) until the user recovers it; needs a verified email or phone number. */
@ApplicationScoped
public class AdminResetUserPasswordAction extends AdminUserAction {

    private final UserAccountService service;

    public AdminResetUserPasswordAction(UserAccountService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminResetUserPassword";
    }

    @Override
    protected Uni<Void> apply(String userPoolId, String username) {
        return service.adminResetUserPassword(userPoolId, username);
    }
}
