package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.userpool.service.AccountSelfService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DeleteUser: the signed-in user deletes itself; its tokens stop working. */
@ApplicationScoped
public class DeleteUserAction extends AccessTokenAction {

    private final AccountSelfService service;

    public DeleteUserAction(AccountSelfService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteUser";
    }

    @Override
    protected Uni<Void> apply(String accessToken, ActionContext context) {
        return service.deleteUser(accessToken);
    }
}
