package dev.cognate.hostedui.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.FederationResponses;
import dev.cognate.internalapi.HostedLoginRequests;
import dev.cognate.internalapi.HostedLoginResponses.CodeDeliveryResult;
import dev.cognate.internalapi.HostedLoginResponses.ImplicitTokens;
import dev.cognate.internalapi.HostedLoginResponses.PasskeyCreationOptions;
import dev.cognate.internalapi.HostedLoginResponses.SignInStep;
import dev.cognate.internalapi.HostedLoginResponses.SignUpResult;
import dev.cognate.internalapi.HostedLoginResponses.SoftwareTokenAssociation;
import dev.cognate.internalapi.HostedLoginResponses.SoftwareTokenVerification;
import dev.cognate.internalapi.InternalRoutes;
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

/**
 * user-pool-service's internal API for the hosted UI (on its internal port, base URL
 * {@code quarkus.rest-client.user-pool-internal.url}; trusted: no SigV4, no SECRET_HASH), under
 * {@link InternalRoutes#HOSTED_LOGIN}. The bodies are the shared contract's records (libs/internal-api). It runs the
 * sign-in engine and the services of the Cognito API flows (lockout, challenges, user-existence rules, auth events). A
 * refused request fails with {@link CognitoErrorException} ({@code {"__type","message"}} exactly as Cognito's JSON API
 * would answer).
 */
@RegisterRestClient(configKey = "user-pool-internal")
@Path(InternalRoutes.HOSTED_LOGIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface HostedUiAuthClient {

    @POST
    @Path(InternalRoutes.SIGN_IN)
    Uni<SignInStep> signIn(@PathParam("clientId") String clientId, HostedLoginRequests.SignIn request);

    @POST
    @Path(InternalRoutes.CHOICE_SIGN_IN)
    Uni<SignInStep> choiceSignIn(@PathParam("clientId") String clientId, HostedLoginRequests.ChoiceSignIn request);

    @POST
    @Path(InternalRoutes.RESPOND_TO_CHALLENGE)
    Uni<SignInStep> respondToChallenge(@PathParam("clientId") String clientId, HostedLoginRequests.RespondToChallenge request);

    @POST
    @Path(InternalRoutes.SIGN_UP)
    Uni<SignUpResult> signUp(@PathParam("clientId") String clientId, HostedLoginRequests.SignUp request);

    @POST
    @Path(InternalRoutes.CONFIRM_SIGN_UP)
    Uni<JsonNode> confirmSignUp(@PathParam("clientId") String clientId, HostedLoginRequests.ConfirmSignUp request);

    @POST
    @Path(InternalRoutes.RESEND_CODE)
    Uni<CodeDeliveryResult> resendCode(@PathParam("clientId") String clientId, HostedLoginRequests.Username request);

    @POST
    @Path(InternalRoutes.FORGOT_PASSWORD)
    Uni<CodeDeliveryResult> forgotPassword(@PathParam("clientId") String clientId, HostedLoginRequests.Username request);

    @POST
    @Path(InternalRoutes.CONFIRM_FORGOT_PASSWORD)
    Uni<JsonNode> confirmForgotPassword(@PathParam("clientId") String clientId, HostedLoginRequests.ConfirmForgotPassword request);

    /** The implicit flow's tokens for the code of a grant this service has just written; the code is taken once. */
    @POST
    @Path(InternalRoutes.IMPLICIT_TOKENS)
    Uni<ImplicitTokens> implicitTokens(@PathParam("clientId") String clientId, HostedLoginRequests.ImplicitTokens request);

    /** AssociateSoftwareToken for a hosted sign-in's MFA_SETUP: the new secret and the next session. */
    @POST
    @Path(InternalRoutes.ASSOCIATE_SOFTWARE_TOKEN)
    Uni<SoftwareTokenAssociation> associateSoftwareToken(@PathParam("clientId") String clientId,
                                                         HostedLoginRequests.AssociateSoftwareToken request);

    /** VerifySoftwareToken for a hosted sign-in's MFA_SETUP: the session that then answers MFA_SETUP. */
    @POST
    @Path(InternalRoutes.VERIFY_SOFTWARE_TOKEN)
    Uni<SoftwareTokenVerification> verifySoftwareToken(@PathParam("clientId") String clientId,
                                                       HostedLoginRequests.VerifySoftwareToken request);

    /** StartWebAuthnRegistration for the hosted session's user ({@code /passkeys/add}): the creation options. */
    @POST
    @Path(InternalRoutes.PASSKEY_REGISTRATION_START)
    Uni<PasskeyCreationOptions> startPasskeyRegistration(@PathParam("clientId") String clientId,
                                                         HostedLoginRequests.PasskeyRegistrationStart request);

    /** CompleteWebAuthnRegistration for the hosted session's user ({@code /passkeys/add}): the passkey is stored. */
    @POST
    @Path(InternalRoutes.PASSKEY_REGISTRATION_COMPLETE)
    Uni<JsonNode> completePasskeyRegistration(@PathParam("clientId") String clientId,
                                              HostedLoginRequests.PasskeyRegistrationComplete request);

    /** Where the browser goes to sign in at one of the client's identity providers. */
    @POST
    @Path(InternalRoutes.FEDERATION_START)
    Uni<FederationResponses.Redirect> startFederation(@PathParam("clientId") String clientId, FederationRequests.Start request);

    /** What came back to {@code /oauth2/idpresponse} (OIDC and social providers): the signed-in user, or a Cognito error. */
    @POST
    @Path(InternalRoutes.FEDERATION_OIDC_CALLBACK)
    Uni<FederationResponses.SignedIn> oidcCallback(@PathParam("clientId") String clientId, FederationRequests.OidcCallback request);

    /** What was posted to {@code /saml2/idpresponse}: the signed-in user, or a Cognito error. */
    @POST
    @Path(InternalRoutes.FEDERATION_SAML_RESPONSE)
    Uni<FederationResponses.SignedIn> samlResponse(@PathParam("clientId") String clientId, FederationRequests.SamlResponse request);

    /** Where the browser goes to sign out at the SAML provider it signed in with (IDPSignout). */
    @POST
    @Path(InternalRoutes.FEDERATION_SAML_LOGOUT)
    Uni<FederationResponses.Redirect> samlLogout(@PathParam("clientId") String clientId, FederationRequests.SamlLogout request);

    /** The SAML provider's LogoutResponse (or LogoutRequest) that reached {@code /saml2/logout}. */
    @POST
    @Path(InternalRoutes.FEDERATION_SAML_LOGOUT_RESPONSE)
    Uni<FederationResponses.LoggedOut> samlLogoutResponse(@PathParam("clientId") String clientId,
                                                          FederationRequests.SamlLogoutMessage request);

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
