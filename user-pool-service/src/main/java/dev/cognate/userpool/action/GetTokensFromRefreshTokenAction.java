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

/**
 * GetTokensFromRefreshToken (unauthenticated; a client with a secret sends it as ClientSecret): new ID and access tokens
 * for a refresh token of that client — and a new refresh token when the client rotates them — as REFRESH_TOKEN_AUTH.
 */
@ApplicationScoped
public class GetTokensFromRefreshTokenAction
        implements AwsAction<GetTokensFromRefreshTokenAction.Request, GetTokensFromRefreshTokenAction.Response> {

    public record Request(String refreshToken, String clientId, String clientSecret, String deviceKey, Map<String, String> clientMetadata) {
    }

    public record Response(AuthResponse.AuthenticationResult authenticationResult) {
    }

    private final AuthenticationService service;

    public GetTokensFromRefreshTokenAction(AuthenticationService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetTokensFromRefreshToken";
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
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation.of().required("refreshToken", request.refreshToken()).required("clientId", request.clientId())
                .length("clientId", request.clientId(), 1, 128).length("clientSecret", request.clientSecret(), 1, 64)
                .length("deviceKey", request.deviceKey(), 1, 55).pattern("deviceKey", request.deviceKey(), DeviceRequests.DEVICE_KEY).throwIfInvalid();
        return service.getTokensFromRefreshToken(request.refreshToken(), request.clientId(), request.clientSecret(), context.sourceIp(),
                        request.clientMetadata(), request.deviceKey())
                .map(response -> new Response(response.authenticationResult()));
    }
}
