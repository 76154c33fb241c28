package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserAttributeSelfService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** GetUserAttributeVerificationCode: a verification code to the signed-in user's email or phone number (a pending new one first). */
@ApplicationScoped
public class GetUserAttributeVerificationCodeAction implements AwsAction<GetUserAttributeVerificationCodeAction.Request, UserFlowRequests.CodeDeliveryResponse> {

    public record Request(String accessToken, String attributeName, Map<String, String> clientMetadata) {
    }

    private final UserAttributeSelfService service;

    public GetUserAttributeVerificationCodeAction(UserAttributeSelfService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetUserAttributeVerificationCode";
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
    public Uni<UserFlowRequests.CodeDeliveryResponse> execute(Request request, ActionContext context) {
        Validation.of().required("accessToken", request.accessToken()).required("attributeName", request.attributeName())
                .length("attributeName", request.attributeName(), 1, 32)
                .pattern("attributeName", request.attributeName(), UserRequests.ATTRIBUTE_NAME).throwIfInvalid();
        return service.getUserAttributeVerificationCode(request.accessToken(), request.attributeName(),
                        request.clientMetadata())
                .map(details -> new UserFlowRequests.CodeDeliveryResponse(UserFlowRequests.CodeDeliveryDetailsType.of(details)));
    }
}
