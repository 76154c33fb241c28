package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.PasswordRecoveryService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ForgotPassword (unauthenticated): a password reset code to the verified email or phone number the pool's recovery setting picks. */
@ApplicationScoped
public class ForgotPasswordAction implements AwsAction<ForgotPasswordAction.Request, UserFlowRequests.CodeDeliveryResponse> {

    public record Request(String clientId, String secretHash, String username, UserFlowRequests.AnalyticsMetadataType analyticsMetadata,
                          UserFlowRequests.UserContextDataType userContextData, Map<String, String> clientMetadata) {
    }

    private final PasswordRecoveryService service;

    public ForgotPasswordAction(PasswordRecoveryService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ForgotPassword";
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
    public Uni<UserFlowRequests.CodeDeliveryResponse> execute(Request request, ActionContext context) {
        UserFlowRequests.flow(request.clientId(), request.secretHash(), request.username()).throwIfInvalid();
        return service.forgotPassword(request.clientId(), request.secretHash(), request.username())
                .map(details -> new UserFlowRequests.CodeDeliveryResponse(UserFlowRequests.CodeDeliveryDetailsType.of(details)));
    }
}
