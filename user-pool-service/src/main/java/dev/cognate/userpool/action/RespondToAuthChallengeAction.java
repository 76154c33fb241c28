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

/** RespondToAuthChallenge: answers the challenge the Session carries (NEW_PASSWORD_REQUIRED, PASSWORD_VERIFIER). */
@ApplicationScoped
public class RespondToAuthChallengeAction implements AwsAction<RespondToAuthChallengeAction.Request, AuthResponse> {

    public record Request(String clientId, String challengeName, String session, Map<String, String> challengeResponses, Map<String, String> clientMetadata) {
    }

    private final AuthenticationService service;

    public RespondToAuthChallengeAction(AuthenticationService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "RespondToAuthChallenge";
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.NONE;
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<AuthResponse> execute(Request request, ActionContext context) {
        Validation.of().required("clientId", request.clientId()).required("challengeName", request.challengeName())
                .throwIfInvalid();
        return service.respondToAuthChallenge(null, request.clientId(), request.challengeName(), request.session(),
                request.challengeResponses() == null ? Map.of() : request.challengeResponses(), false, context.sourceIp(), request.clientMetadata());
    }
}
