package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.auth.AuthResponse;
import dev.cognate.userpool.auth.AuthenticationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminRespondToAuthChallenge: answers the challenge the Session carries (NEW_PASSWORD_REQUIRED, PASSWORD_VERIFIER). */
@ApplicationScoped
public class AdminRespondToAuthChallengeAction implements AwsAction<AdminRespondToAuthChallengeAction.Request, AuthResponse> {

    public record Request(String userPoolId, String clientId, String challengeName, String session, Map<String, String> challengeResponses, Map<String, String> clientMetadata) {
    }

    private final AuthenticationService service;

    public AdminRespondToAuthChallengeAction(AuthenticationService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminRespondToAuthChallenge";
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.SIGV4;
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<AuthResponse> execute(Request request, ActionContext context) {
        Validation.of().required("clientId", request.clientId()).required("challengeName", request.challengeName()).required("userPoolId", request.userPoolId())
                .throwIfInvalid();
        return service.respondToAuthChallenge(request.userPoolId(), request.clientId(), request.challengeName(), request.session(),
                request.challengeResponses() == null ? Map.of() : request.challengeResponses(), true, context.sourceIp(), request.clientMetadata());
    }
}
