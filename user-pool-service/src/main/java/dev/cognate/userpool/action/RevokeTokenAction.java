package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** RevokeToken (unauthenticated; the client proves itself with its secret): a refresh token's whole family. */
@ApplicationScoped
public class RevokeTokenAction implements AwsAction<RevokeTokenAction.Request, Map<String, Object>> {

    public record Request(String token, String clientId, String clientSecret) {
    }

    private final TokenService service;

    public RevokeTokenAction(TokenService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "RevokeToken";
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
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation.of().required("token", request.token()).required("clientId", request.clientId()).throwIfInvalid();
        return service.revokeToken(request.token(), request.clientId(), request.clientSecret(), context.sourceIp()).replaceWith(Map.of());
    }
}
