package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.auth.PasswordChange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ChangePassword: the signed-in user's previous password (counted by the lockout when wrong) → the proposed one (policy, history). */
@ApplicationScoped
public class ChangePasswordAction implements AwsAction<ChangePasswordAction.Request, Map<String, Object>> {

    public record Request(String previousPassword, String proposedPassword, String accessToken) {
    }

    private final PasswordChange service;

    public ChangePasswordAction(PasswordChange service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ChangePassword";
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
        Validation validation = Validation.of().required("previousPassword", request.previousPassword())
                .required("proposedPassword", request.proposedPassword()).required("accessToken", request.accessToken());
        UserRequests.password(validation, "previousPassword", request.previousPassword(), 1);
        UserRequests.password(validation, "proposedPassword", request.proposedPassword(), 1).throwIfInvalid();
        return service.changePassword(request.accessToken(), request.previousPassword(), request.proposedPassword()).replaceWith(Map.of());
    }
}
