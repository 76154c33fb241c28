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

/** InitiateAuth (unauthenticated): starts a sign-in with USER_PASSWORD_AUTH, USER_SRP_AUTH or REFRESH_TOKEN_AUTH. */
@ApplicationScoped
public class InitiateAuthAction implements AwsAction<InitiateAuthAction.Request, AuthResponse> {

    public record Request(String clientId, String authFlow, Map<String, String> authParameters, Map<String, String> clientMetadata) {
    }

    private final AuthenticationService service;

    public InitiateAuthAction(AuthenticationService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "InitiateAuth";
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
        Validation.of().required("clientId", request.clientId()).required("authFlow", request.authFlow())
                .length("clientId", request.clientId(), 1, 128).throwIfInvalid();
        return service.initiateAuth(null, request.clientId(), request.authFlow(),
                request.authParameters() == null ? Map.of() : request.authParameters(), false, context.sourceIp(),
                request.clientMetadata());
    }
}
