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

/** AdminInitiateAuth (SigV4): starts a sign-in with ADMIN_USER_PASSWORD_AUTH (ADMIN_NO_SRP_AUTH), USER_SRP_AUTH or REFRESH_TOKEN_AUTH. */
@ApplicationScoped
public class AdminInitiateAuthAction implements AwsAction<AdminInitiateAuthAction.Request, AuthResponse> {

    public record Request(String userPoolId, String clientId, String authFlow, Map<String, String> authParameters, Map<String, String> clientMetadata) {
    }

    private final AuthenticationService service;

    public AdminInitiateAuthAction(AuthenticationService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminInitiateAuth";
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
        Validation.of().required("clientId", request.clientId()).required("authFlow", request.authFlow())
                .length("clientId", request.clientId(), 1, 128).throwIfInvalid();
        return service.initiateAuth(request.userPoolId(), request.clientId(), request.authFlow(),
                request.authParameters() == null ? Map.of() : request.authParameters(), true, context.sourceIp(),
                request.clientMetadata());
    }
}
