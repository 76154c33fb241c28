package dev.cognate.userpool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.HostedLoginRequests;
import dev.cognate.internalapi.HostedLoginResponses;
import dev.cognate.internalapi.HostedLoginResponses.CodeDeliveryDetails;
import dev.cognate.internalapi.HostedLoginResponses.CodeDeliveryResult;
import dev.cognate.internalapi.HostedLoginResponses.SignInStep;
import dev.cognate.internalapi.HostedLoginResponses.SignUpResult;
import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.auth.AuthResponse;
import dev.cognate.userpool.auth.AuthenticationService;
import dev.cognate.userpool.auth.SoftwareTokenSetup;
import dev.cognate.userpool.oauth.OAuthException;
import dev.cognate.userpool.oauth.TokenResponse;
import dev.cognate.userpool.oauth.grant.ImplicitGrant;
import dev.cognate.userpool.service.ClientAuthenticator;
import dev.cognate.userpool.service.PasskeyRegistration;
import dev.cognate.userpool.service.PasswordRecoveryService;
import dev.cognate.userpool.service.SignUpService;
import dev.cognate.userpool.domain.UserStatus;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

/**
 * The internal API of the hosted login pages (hosted-ui-service), under {@link InternalRoutes#HOSTED_LOGIN}, served only
 * on the internal port ({@link InternalPort}): sign-in and respond-to-challenge (the sign-in engine's steps, as
 * InitiateAuth / RespondToAuthChallenge: a challenge with its session and parameters, or the signed-in user), sign-up,
 * confirm-sign-up, resend-code, forgot-password, confirm-forgot-password, and implicit-tokens (the implicit flow's
 * tokens for a code the hosted UI has just written). Each runs the very services of the JSON API (same lockout,
 * user-existence rules, authentication and Kafka events, code delivery) for a client resolved by
 * {@link ClientAuthenticator#forHostedLogin} — no SigV4 and no SECRET_HASH: the hosted UI is a trusted caller on the
 * cluster network. The bodies are the shared contract's records (libs/internal-api); errors are the Cognito JSON API's
 * {@code {"__type","message"}} ({@link InternalJson}). Nothing here logs a password or a code.
 */
@Path(InternalRoutes.HOSTED_LOGIN)
@Produces(MediaType.APPLICATION_JSON)
public class InternalHostedUiResource {

    private final ClientAuthenticator clients;
    private final AuthenticationService engine;
    private final SignUpService signUps;
    private final PasswordRecoveryService recovery;
    private final ImplicitGrant implicitGrant;
    private final SoftwareTokenSetup softwareTokenSetup;
    private final PasskeyRegistration passkeys;

    public InternalHostedUiResource(ClientAuthenticator clients, AuthenticationService engine, SignUpService signUps,
                                    PasswordRecoveryService recovery, ImplicitGrant implicitGrant, SoftwareTokenSetup softwareTokenSetup,
                                    PasskeyRegistration passkeys) {
        this.clients = clients;
        this.engine = engine;
        this.signUps = signUps;
        this.recovery = recovery;
        this.implicitGrant = implicitGrant;
        this.softwareTokenSetup = softwareTokenSetup;
        this.passkeys = passkeys;
    }

    @POST
    @Path(InternalRoutes.SIGN_IN)
    public Uni<Response> signIn(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.SignIn.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> engine.hostedSignIn(client, request.username(), request.password(), request.ipAddress()))
                    .map(InternalHostedUiResource::step);
        });
    }

    /** USER_AUTH with a password-less PREFERRED_CHALLENGE: its challenge, or SELECT_CHALLENGE when the user cannot use it. */
    @POST
    @Path(InternalRoutes.CHOICE_SIGN_IN)
    public Uni<Response> choiceSignIn(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.ChoiceSignIn.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> engine.hostedChoiceSignIn(client, request.username(), request.preferredChallenge(),
                            request.ipAddress()))
                    .map(InternalHostedUiResource::step);
        });
    }

    @POST
    @Path(InternalRoutes.RESPOND_TO_CHALLENGE)
    public Uni<Response> respondToChallenge(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.RespondToChallenge.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> engine.hostedRespond(client, request.challengeName(), request.session(), request.responses(),
                            request.ipAddress()))
                    .map(InternalHostedUiResource::step);
        });
    }

    @POST
    @Path(InternalRoutes.SIGN_UP)
    public Uni<Response> signUp(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.SignUp.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> signUps.signUp(client, request.username(), request.password(),
                            HostedLoginRequestRules.attributeMap(request), request.ipAddress()))
                    .map(signedUp -> new SignUpResult(signedUp.user().status() == UserStatus.CONFIRMED, signedUp.user().sub().toString(),
                            delivery(signedUp.delivery())));
        });
    }

    @POST
    @Path(InternalRoutes.CONFIRM_SIGN_UP)
    public Uni<Response> confirmSignUp(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.ConfirmSignUp.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> signUps.confirmSignUp(client, request.username(), request.code(), false))
                    .replaceWith(Map.of());
        });
    }

    @POST
    @Path(InternalRoutes.RESEND_CODE)
    public Uni<Response> resendCode(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.Username.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> signUps.resendConfirmationCode(client, request.username(), request.ipAddress()))
                    .map(details -> new CodeDeliveryResult(delivery(details)));
        });
    }

    /** The request records no authentication event (ConfirmForgotPassword does, with its address). */
    @POST
    @Path(InternalRoutes.FORGOT_PASSWORD)
    public Uni<Response> forgotPassword(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.Username.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> recovery.forgotPassword(client, request.username()))
                    .map(details -> new CodeDeliveryResult(delivery(details)));
        });
    }

    @POST
    @Path(InternalRoutes.CONFIRM_FORGOT_PASSWORD)
    public Uni<Response> confirmForgotPassword(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.ConfirmForgotPassword.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> recovery.confirmForgotPassword(client, request.username(), request.code(), request.password(),
                            request.ipAddress()))
                    .replaceWith(Map.of());
        });
    }

    /**
     * AssociateSoftwareToken during a hosted sign-in's MFA_SETUP: a new TOTP seed for the user and the next session.
     * Only a session the hosted login opened for this client is taken ("Invalid session for the user, session is
     * expired." otherwise, as the API answers).
     */
    @POST
    @Path(InternalRoutes.ASSOCIATE_SOFTWARE_TOKEN)
    public Uni<Response> associateSoftwareToken(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.AssociateSoftwareToken.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> softwareTokenSetup.associateOnHostedLogin(client.pool().id(), client.client().clientId(),
                            request.session()))
                    .map(associated -> new HostedLoginResponses.SoftwareTokenAssociation(associated.secretCode(), associated.session()));
        });
    }

    /**
     * VerifySoftwareToken during a hosted sign-in's MFA_SETUP: {@code SUCCESS} and the session that answers MFA_SETUP; a
     * code that does not match → {@code EnableSoftwareTokenMFAException}, the session staying usable.
     */
    @POST
    @Path(InternalRoutes.VERIFY_SOFTWARE_TOKEN)
    public Uni<Response> verifySoftwareToken(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.VerifySoftwareToken.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> softwareTokenSetup.verifyOnHostedLogin(client.pool().id(), client.client().clientId(),
                            request.session(), request.userCode(), request.friendlyDeviceName()))
                    .map(verified -> new HostedLoginResponses.SoftwareTokenVerification(verified.status(), verified.session()));
        });
    }

    /**
     * {@code /passkeys/add}'s StartWebAuthnRegistration for the hosted session's user ({@code sub}, of the client's pool:
     * a user of another pool is not found): the same rules and errors as the API action, the challenge bound to this client.
     */
    @POST
    @Path(InternalRoutes.PASSKEY_REGISTRATION_START)
    public Uni<Response> startPasskeyRegistration(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = InternalJson.read(body, HostedLoginRequests.PasskeyRegistrationStart.class);
            UUID sub = HostedLoginRequestRules.sub(request.sub());
            return clients.forHostedLogin(clientId)
                    .chain(client -> passkeys.start(new PasskeyRegistration.Registrant(client.pool().id(), client.client().clientId(), sub)))
                    .map(options -> new HostedLoginResponses.PasskeyCreationOptions(options.toString()));
        });
    }

    /**
     * {@code /passkeys/add}'s CompleteWebAuthnRegistration: the RegistrationResponseJSON verified against the challenge this
     * client started for the user, stored (and {@code user.mfa.updated}); {@code {}}.
     */
    @POST
    @Path(InternalRoutes.PASSKEY_REGISTRATION_COMPLETE)
    public Uni<Response> completePasskeyRegistration(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = InternalJson.read(body, HostedLoginRequests.PasskeyRegistrationComplete.class);
            UUID sub = HostedLoginRequestRules.sub(request.sub());
            JsonNode credential = HostedLoginRequestRules.credential(request.credential());
            return clients.forHostedLogin(clientId)
                    .chain(client -> passkeys.complete(new PasskeyRegistration.Registrant(client.pool().id(), client.client().clientId(), sub),
                            credential))
                    .replaceWith(Map.of());
        });
    }

    /**
     * The implicit flow's tokens ({@code {"access_token", "id_token", "token_type", "expires_in"}}, never a refresh token)
     * for the code of a grant hosted-ui-service has just written. A client without {@code implicit}, a code unknown,
     * used, expired or another client's, a deleted or disabled user → {@code NotAuthorizedException} with the reason.
     */
    @POST
    @Path(InternalRoutes.IMPLICIT_TOKENS)
    public Uni<Response> implicitTokens(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = HostedLoginRequestRules.check(InternalJson.read(body, HostedLoginRequests.ImplicitTokens.class));
            return clients.forHostedLogin(clientId)
                    .chain(client -> implicitGrant.redeem(client.client(), request.code()))
                    .map(InternalHostedUiResource::implicitTokens)
                    .onFailure(OAuthException.class).transform(refused ->
                            // the JSON API has no such action; its exception for "these credentials get no tokens"
                            new CognitoException("NotAuthorizedException", refused.getMessage()));
        });
    }

    /** One step of the engine: the next challenge, or the signed-in user (the hosted login's sign-ins end without tokens). */
    static SignInStep step(AuthResponse response) {
        if (response.signedIn() != null) {
            return SignInStep.done(new SignedInUser(response.signedIn().user().sub().toString(), response.signedIn().user().username(),
                    response.signedIn().authTime().getEpochSecond()));
        }
        if (response.challengeName() == null) {
            throw new IllegalStateException("a hosted sign-in step ended with tokens");
        }
        return SignInStep.challenge(response.challengeName(), response.session(), response.challengeParameters());
    }

    private static CodeDeliveryDetails delivery(dev.cognate.userpool.domain.CodeDeliveryDetails details) {
        return details == null ? null : new CodeDeliveryDetails(details.destination(), details.deliveryMedium(), details.attributeName());
    }

    private static HostedLoginResponses.ImplicitTokens implicitTokens(TokenResponse tokens) {
        return new HostedLoginResponses.ImplicitTokens(tokens.accessToken(), tokens.idToken(), tokens.tokenType(), tokens.expiresIn());
    }
}
