package dev.cognate.hostedui.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/**
 * user-pool-service's internal API for the hosted UI (cluster-internal, trusted: no SigV4, no SECRET_HASH), base path
 * {@code /internal/v1/hosted-ui/clients/{clientId}}. It runs the same services as the Cognito API flows (lockout,
 * user-existence rules, auth events). A refused request fails with {@link CognitoErrorException}
 * ({@code {"__type","message"}} exactly as Cognito's JSON API would answer).
 */
@RegisterRestClient(configKey = "user-pool")
@Path("/internal/v1/hosted-ui/clients/{clientId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface HostedUiAuthClient {

    record SignInRequest(String username, String password, String ipAddress) {
    }

    record NewPasswordRequest(String session, String username, String newPassword, Map<String, String> attributes) {
    }

    record SignUpRequest(String username, String password, Map<String, String> attributes, String ipAddress) {
    }

    record ConfirmSignUpRequest(String username, String code) {
    }

    record UsernameRequest(String username) {
    }

    record ConfirmForgotPasswordRequest(String username, String code, String password) {
    }

    /** The code of a grant just written to Redis ({@code AuthorizationCode}, no PKCE challenge). */
    record ImplicitTokensRequest(String code) {
    }

    @POST
    @Path("/sign-in")
    Uni<SignInResult> signIn(@PathParam("clientId") String clientId, SignInRequest request);

    @POST
    @Path("/new-password")
    Uni<SignInResult> newPassword(@PathParam("clientId") String clientId, NewPasswordRequest request);

    @POST
    @Path("/sign-up")
    Uni<SignUpResult> signUp(@PathParam("clientId") String clientId, SignUpRequest request);

    @POST
    @Path("/confirm-sign-up")
    Uni<JsonNode> confirmSignUp(@PathParam("clientId") String clientId, ConfirmSignUpRequest request);

    @POST
    @Path("/resend-code")
    Uni<CodeDeliveryResult> resendCode(@PathParam("clientId") String clientId, UsernameRequest request);

    @POST
    @Path("/forgot-password")
    Uni<CodeDeliveryResult> forgotPassword(@PathParam("clientId") String clientId, UsernameRequest request);

    @POST
    @Path("/confirm-forgot-password")
    Uni<JsonNode> confirmForgotPassword(@PathParam("clientId") String clientId, ConfirmForgotPasswordRequest request);

    /** The implicit flow's tokens for the code of a grant this service has just written; the code is taken once. */
    @POST
    @Path("/implicit-tokens")
    Uni<ImplicitTokens> implicitTokens(@PathParam("clientId") String clientId, ImplicitTokensRequest request);

    /**
     * A 4xx answer with a Cognito error body becomes {@link CognitoErrorException}; anything else (5xx, a body that is
     * not a Cognito error) stays the client's default {@code WebApplicationException}: user-pool-service failed.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() < 400 || response.getStatus() >= 500) {
            return null;
        }
        try {
            JsonNode body = new ObjectMapper().readTree(response.readEntity(String.class));
            String type = body.path("__type").asText("");
            if (!type.isEmpty()) {
                return new CognitoErrorException(response.getStatus(), type, body.path("message").asText(""));
            }
        } catch (Exception unreadable) {
            // Not a Cognito error: fall through to the default mapping.
        }
        return null;
    }
}
