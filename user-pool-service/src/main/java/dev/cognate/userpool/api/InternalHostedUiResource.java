package dev.cognate.userpool.api;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.auth.HostedSignIn;
import dev.cognate.userpool.oauth.OAuthException;
import dev.cognate.userpool.oauth.grant.ImplicitGrant;
import dev.cognate.userpool.service.ClientAuthenticator;
import dev.cognate.userpool.service.PasswordRecoveryService;
import dev.cognate.userpool.service.SignUpService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The internal API of the hosted login pages (hosted-ui-service), under {@code /internal/v1/hosted-ui/clients/{clientId}}:
 * sign-in, new-password, sign-up, confirm-sign-up, resend-code, forgot-password, confirm-forgot-password, and
 * implicit-tokens (the implicit flow's tokens for a code the hosted UI has just written). Each runs the
 * very services of the JSON API (same lockout, user-existence rules, authentication and Kafka events, code delivery)
 * for a client resolved by {@link ClientAuthenticator#forHostedLogin} — no SigV4 and no SECRET_HASH: the hosted UI is a
 * trusted caller on the cluster network, so deployments must not expose {@code /internal} publicly. Errors are the
 * Cognito JSON API's {@code {"__type","message"}} ({@link InternalJson}). Nothing here logs a password or a code.
 */
@Path("/internal/v1/hosted-ui/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalHostedUiResource {

    private final ClientAuthenticator clients;
    private final HostedSignIn signIns;
    private final SignUpService signUps;
    private final PasswordRecoveryService recovery;
    private final ImplicitGrant implicitGrant;

    public InternalHostedUiResource(ClientAuthenticator clients, HostedSignIn signIns, SignUpService signUps,
                                    PasswordRecoveryService recovery, ImplicitGrant implicitGrant) {
        this.clients = clients;
        this.signIns = signIns;
        this.signUps = signUps;
        this.recovery = recovery;
        this.implicitGrant = implicitGrant;
    }

    @POST
    @Path("/sign-in")
    public Uni<Response> signIn(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            HostedUiRequests.SignIn request = InternalJson.read(body, HostedUiRequests.SignIn.class).validated();
            return clients.forHostedLogin(clientId)
                    .chain(client -> signIns.signIn(client, request.username(), request.password(), request.ipAddress()))
                    .map(HostedUiResponses.SignInAnswer::of);
        });
    }

    @POST
    @Path("/new-password")
    public Uni<Response> newPassword(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            HostedUiRequests.NewPassword request = InternalJson.read(body, HostedUiRequests.NewPassword.class).validated();
            return clients.forHostedLogin(clientId)
                    .chain(client -> signIns.newPassword(client, request.session(), request.username(), request.newPassword(),
                            request.attributes() == null ? Map.of() : request.attributes(), request.ipAddress()))
                    .map(HostedUiResponses.SignInAnswer::of);
        });
    }

    @POST
    @Path("/sign-up")
    public Uni<Response> signUp(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            HostedUiRequests.SignUp request = InternalJson.read(body, HostedUiRequests.SignUp.class).validated();
            return clients.forHostedLogin(clientId)
                    .chain(client -> signUps.signUp(client, request.username(), request.password(), request.attributeMap(), request.ipAddress()))
                    .map(HostedUiResponses.SignUpAnswer::of);
        });
    }

    @POST
    @Path("/confirm-sign-up")
    public Uni<Response> confirmSignUp(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            HostedUiRequests.ConfirmSignUp request = InternalJson.read(body, HostedUiRequests.ConfirmSignUp.class).validated();
            return clients.forHostedLogin(clientId)
                    .chain(client -> signUps.confirmSignUp(client, request.username(), request.code(), false))
                    .replaceWith(Map.of());
        });
    }

    @POST
    @Path("/resend-code")
    public Uni<Response> resendCode(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            HostedUiRequests.Username request = InternalJson.read(body, HostedUiRequests.Username.class).validated();
            return clients.forHostedLogin(clientId)
                    .chain(client -> signUps.resendConfirmationCode(client, request.username(), request.ipAddress()))
                    .map(HostedUiResponses.CodeDeliveryAnswer::of);
        });
    }

    @POST
    @Path("/forgot-password")
    public Uni<Response> forgotPassword(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            HostedUiRequests.Username request = InternalJson.read(body, HostedUiRequests.Username.class).validated();
            return clients.forHostedLogin(clientId)
                    .chain(client -> recovery.forgotPassword(client, request.username()))
                    .map(HostedUiResponses.CodeDeliveryAnswer::of);
        });
    }

    @POST
    @Path("/confirm-forgot-password")
    public Uni<Response> confirmForgotPassword(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            HostedUiRequests.ConfirmForgotPassword request = InternalJson.read(body, HostedUiRequests.ConfirmForgotPassword.class).validated();
            return clients.forHostedLogin(clientId)
                    .chain(client -> recovery.confirmForgotPassword(client, request.username(), request.code(), request.password()))
                    .replaceWith(Map.of());
        });
    }

    /**
     * The implicit flow's tokens ({@code {"access_token", "id_token", "token_type", "expires_in"}}, never a refresh token)
     * for the code of a grant hosted-ui-service has just written. A client without {@code implicit}, a code unknown,
     * used, expired or another client's, a deleted or disabled user → {@code NotAuthorizedException} with the reason.
     */
    @POST
    @Path("/implicit-tokens")
    public Uni<Response> implicitTokens(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            HostedUiRequests.ImplicitTokens request = InternalJson.read(body, HostedUiRequests.ImplicitTokens.class).validated();
            return clients.forHostedLogin(clientId)
                    .chain(client -> implicitGrant.redeem(client.client(), request.code()))
                    .onFailure(OAuthException.class).transform(refused ->
                            // the JSON API has no such action; its exception for "these credentials get no tokens"
                            new CognitoException("NotAuthorizedException", refused.getMessage()));
        });
    }
}
