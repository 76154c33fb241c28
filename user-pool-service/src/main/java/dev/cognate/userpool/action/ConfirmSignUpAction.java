package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.SignUpService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ConfirmSignUp (unauthenticated): the code sent at sign-up confirms the user and verifies where it was sent. */
@ApplicationScoped
public class ConfirmSignUpAction implements AwsAction<ConfirmSignUpAction.Request, Map<String, Object>> {

    public record Request(String clientId, String secretHash, String username, String confirmationCode, Boolean forceAliasCreation,
                          UserFlowRequests.AnalyticsMetadataType analyticsMetadata, UserFlowRequests.UserContextDataType userContextData,
                          Map<String, String> clientMetadata, String session) {
    }

    private final SignUpService service;

    public ConfirmSignUpAction(SignUpService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ConfirmSignUp";
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
        UserFlowRequests.confirmationCode(UserFlowRequests.flow(request.clientId(), request.secretHash(), request.username()),
                request.confirmationCode()).throwIfInvalid();
        return service.confirmSignUp(request.clientId(), request.secretHash(), request.username(), request.confirmationCode(),
                Boolean.TRUE.equals(request.forceAliasCreation()), request.clientMetadata()).replaceWith(Map.of());
    }
}
