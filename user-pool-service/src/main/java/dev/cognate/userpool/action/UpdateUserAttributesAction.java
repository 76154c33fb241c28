package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserAttributeSelfService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * UpdateUserAttributes: the signed-in user writes its attributes (admin rules plus the client's WriteAttributes); codes go to a
 * changed, auto-verified email or phone number.
 */
@ApplicationScoped
public class UpdateUserAttributesAction implements AwsAction<UpdateUserAttributesAction.Request, UpdateUserAttributesAction.Response> {

    public record Request(List<UserRequests.AttributeType> userAttributes, String accessToken, Map<String, String> clientMetadata) {
    }

    public record Response(List<UserFlowRequests.CodeDeliveryDetailsType> codeDeliveryDetailsList) {
    }

    private final UserAttributeSelfService service;

    public UpdateUserAttributesAction(UserAttributeSelfService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateUserAttributes";
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
    public Uni<UpdateUserAttributesAction.Response> execute(Request request, ActionContext context) {
        Validation validation = Validation.of().required("userAttributes", request.userAttributes()).required("accessToken", request.accessToken());
        Map<String, String> changes = UserRequests.attributes(validation, "userAttributes", request.userAttributes());
        validation.throwIfInvalid();
        return service.updateUserAttributes(request.accessToken(), changes, request.clientMetadata())
                .map(sent -> new Response(sent.stream().map(UserFlowRequests.CodeDeliveryDetailsType::of).toList()));
    }
}
