package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.SignUpService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ResendConfirmationCode (unauthenticated): a new sign-up code for an UNCONFIRMED user; the previous one stops working. */
@ApplicationScoped
public class ResendConfirmationCodeAction implements AwsAction<ResendConfirmationCodeAction.Request, UserFlowRequests.CodeDeliveryResponse> {

    public record Request(String clientId, String secretHash, String username, UserFlowRequests.AnalyticsMetadataType analyticsMetadata,
                          UserFlowRequests.UserContextDataType userContextData, Map<String, String> clientMetadata) {
    }

    private final SignUpService service;

    public ResendConfirmationCodeAction(SignUpService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ResendConfirmationCode";
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
        return service.resendConfirmationCode(request.clientId(), request.secretHash(), request.username())
                .map(details -> new UserFlowRequests.CodeDeliveryResponse(UserFlowRequests.CodeDeliveryDetailsType.of(details)));
    }
}
