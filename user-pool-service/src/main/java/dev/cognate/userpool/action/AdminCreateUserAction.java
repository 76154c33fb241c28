package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserService;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * AdminCreateUser: a user in FORCE_CHANGE_PASSWORD with a temporary password (given, or generated per
 * the pool's policy) and an invitation on {@code cognate.messages} unless {@code MessageAction} is
 * SUPPRESS; RESEND renews an existing invitation.
 */
@ApplicationScoped
public class AdminCreateUserAction implements AwsAction<AdminCreateUserAction.Request, AdminCreateUserAction.Response> {

    public record Request(String userPoolId, String username, List<UserRequests.AttributeType> userAttributes,
                          List<UserRequests.AttributeType> validationData, String temporaryPassword, Boolean forceAliasCreation,
                          String messageAction, List<String> desiredDeliveryMediums, Map<String, String> clientMetadata) {
    }

    public record Response(UserRequests.UserType user) {
    }

    private final UserService service;

    public AdminCreateUserAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminCreateUser";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation validation = UserRequests.target(request.userPoolId(), request.username());
        Map<String, String> attributes = UserRequests.attributes(validation, "userAttributes", request.userAttributes());
        Map<String, String> validationData = request.validationData() == null ? null
                : UserRequests.attributes(validation, "validationData", request.validationData());
        UserRequests.password(validation, "temporaryPassword", request.temporaryPassword(), 0)
                .oneOf("messageAction", request.messageAction(), List.of("RESEND", "SUPPRESS"));
        if (request.desiredDeliveryMediums() != null) {
            request.desiredDeliveryMediums().forEach(medium -> validation.oneOf("desiredDeliveryMediums.member", medium, List.of("SMS", "EMAIL")));
        }
        validation.throwIfInvalid();
        String temporaryPassword = request.temporaryPassword() == null || request.temporaryPassword().isEmpty() ? null : request.temporaryPassword();
        return service.adminCreateUser(request.userPoolId(), request.username(), attributes,
                        new UserService.Invitation(temporaryPassword, request.messageAction(), request.desiredDeliveryMediums(),
                                Boolean.TRUE.equals(request.forceAliasCreation())),
                        new TriggerCaller(null, validationData, request.clientMetadata()))
                .map(user -> new Response(UserRequests.UserType.of(user, null)));
    }
}
