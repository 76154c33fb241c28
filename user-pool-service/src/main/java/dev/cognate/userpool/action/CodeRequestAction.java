package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.domain.CodeDeliveryDetails;
import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * The shape of the unauthenticated actions that ask for a code to be sent to a user (ForgotPassword,
 * ResendConfirmationCode): client, SECRET_HASH and username checked, then {@link #send} answers where the code went.
 */
abstract class CodeRequestAction implements AwsAction<CodeRequestAction.Request, UserFlowRequests.CodeDeliveryResponse> {

    public record Request(String clientId, String secretHash, String username, UserFlowRequests.AnalyticsMetadataType analyticsMetadata,
                          UserFlowRequests.UserContextDataType userContextData, Map<String, String> clientMetadata) {
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
        return send(request.clientId(), request.secretHash(), request.username(), request.clientMetadata(), context.sourceIp())
                .map(details -> new UserFlowRequests.CodeDeliveryResponse(UserFlowRequests.CodeDeliveryDetailsType.of(details)));
    }

    /**
     * @param clientMetadata the request's {@code ClientMetadata} for the triggers it runs ({@code null} when absent)
     * @param sourceIp       the caller's address, for the authentication event a step records
     */
    protected abstract Uni<CodeDeliveryDetails> send(String clientId, String secretHash, String username, Map<String, String> clientMetadata,
                                                     String sourceIp);
}
