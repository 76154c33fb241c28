package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.service.SignUpService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * SignUp (unauthenticated): a new UNCONFIRMED user with a password (or none, where the pool allows a password-less first
 * factor), attributes the client may write, and a confirmation code to the first of the pool's
 * {@code AutoVerifiedAttributes} the user has.
 */
@ApplicationScoped
public class SignUpAction implements AwsAction<SignUpAction.Request, SignUpAction.Response> {

    public record Request(String clientId, String secretHash, String username, String password,
                          List<UserRequests.AttributeType> userAttributes, List<UserRequests.AttributeType> validationData,
                          UserFlowRequests.AnalyticsMetadataType analyticsMetadata, UserFlowRequests.UserContextDataType userContextData,
                          Map<String, String> clientMetadata) {
    }

    public record Response(boolean userConfirmed, UserFlowRequests.CodeDeliveryDetailsType codeDeliveryDetails, String userSub) {
    }

    private final SignUpService service;

    public SignUpAction(SignUpService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SignUp";
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
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation validation = UserFlowRequests.flow(request.clientId(), request.secretHash(), request.username());
        Map<String, String> attributes = UserRequests.attributes(validation, "userAttributes", request.userAttributes());
        Map<String, String> validationData = request.validationData() == null ? null
                : UserRequests.attributes(validation, "validationData", request.validationData());
        // as Cognito, a blank Password is no password: a password-less user where the pool allows one (SignUpService)
        UserRequests.password(validation, "password", request.password(), 0);
        validation.throwIfInvalid();
        String password = request.password() == null || request.password().isEmpty() ? null : request.password();
        return service.signUp(request.clientId(), request.secretHash(), request.username(), password, attributes, validationData,
                        request.clientMetadata(), context.sourceIp())
                .map(signedUp -> new Response(signedUp.user().status() == UserStatus.CONFIRMED,
                        UserFlowRequests.CodeDeliveryDetailsType.of(signedUp.delivery()),
                        signedUp.user().sub().toString()));
    }
}
