package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.PasswordRecoveryService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ConfirmForgotPassword (unauthenticated): a reset code (ForgotPassword or AdminResetUserPassword) and a new password. */
@ApplicationScoped
public class ConfirmForgotPasswordAction implements AwsAction<ConfirmForgotPasswordAction.Request, Map<String, Object>> {

    public record Request(String clientId, String secretHash, String username, String confirmationCode, String password,
                          UserFlowRequests.AnalyticsMetadataType analyticsMetadata, UserFlowRequests.UserContextDataType userContextData,
                          Map<String, String> clientMetadata) {
    }

    private final PasswordRecoveryService service;

    public ConfirmForgotPasswordAction(PasswordRecoveryService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ConfirmForgotPassword";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.NONE;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation validation = UserFlowRequests.confirmationCode(
                UserFlowRequests.flow(request.clientId(), request.secretHash(), request.username()), request.confirmationCode());
        UserRequests.password(validation.required("password", request.password()), "password", request.password(), 1).throwIfInvalid();
        return service.confirmForgotPassword(request.clientId(), request.secretHash(), request.username(), request.confirmationCode(),
                request.password(), context.sourceIp(), request.clientMetadata()).replaceWith(Map.of());
    }
}
