package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.AppClientService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** DeleteUserPoolClientSecret: retires one of a client's two secrets after rotation. */
@ApplicationScoped
public class DeleteUserPoolClientSecretAction implements AwsAction<DeleteUserPoolClientSecretAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String clientId, String clientSecretId) {
    }

    private final AppClientService service;

    public DeleteUserPoolClientSecretAction(AppClientService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteUserPoolClientSecret";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        AppClientRequests.clientId(UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()), request.clientId())
                .required("clientSecretId", request.clientSecretId())
                .length("clientSecretId", request.clientSecretId(), 1, 128)
                .throwIfInvalid();
        return service.deleteUserPoolClientSecret(request.userPoolId(), request.clientId(), request.clientSecretId())
                .replaceWith(Map.of());
    }
}
