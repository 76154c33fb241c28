package dev.cognate.internalapi;

/**
 * The paths of user-pool-service's internal API, which hosted-ui-service (and identity-pool-service) call: JSON over HTTP on user-pool-service's
 * internal port (never its public one). Both sides name their JAX-RS {@code @Path}s with these constants, so a route
 * cannot be renamed on one side only.
 */
public final class InternalRoutes {

    /** Every internal route starts here; the public port answers 404 to anything under it. */
    public static final String PREFIX = "/internal";
    public static final String V1 = PREFIX + "/v1";

    /**
     * Under {@link #V1}: an app client's hosted-login settings ({@link AppClientConfig}), a client's {@link Branding}, its
     * logo, and one customization level's own logo.
     */
    public static final String CLIENT = "/clients/{clientId}";
    public static final String BRANDING = "/branding/{clientId}";
    public static final String BRANDING_IMAGE = "/branding/{clientId}/image";
    public static final String LEVEL_IMAGE = "/user-pools/{poolId}/branding/{clientId}/image";

    /**
     * Under {@link #V1}, called by identity-pool-service for providers with {@code ServerSideTokenCheck}: whether a user
     * pool ID token's user still exists, is enabled and was not signed out or revoked since ({@link IdTokenCheck}).
     */
    public static final String ID_TOKEN_CHECK = "/user-pools/{poolId}/id-token-check";

    /** The hosted login's flows for one client; the sub-paths below take {@link HostedLoginRequests}. */
    public static final String HOSTED_LOGIN = V1 + "/hosted-ui/clients/{clientId}";
    public static final String SIGN_IN = "/sign-in";
    /**
     * The password-less sign-in: USER_AUTH for a username with a PREFERRED_CHALLENGE ({@code WEB_AUTHN}, {@code EMAIL_OTP},
     * {@code SMS_OTP}), answered as {@link #SIGN_IN} is (the challenge, then {@link #RESPOND_TO_CHALLENGE}).
     */
    public static final String CHOICE_SIGN_IN = "/choice-sign-in";
    public static final String RESPOND_TO_CHALLENGE = "/respond-to-challenge";
    public static final String SIGN_UP = "/sign-up";
    public static final String CONFIRM_SIGN_UP = "/confirm-sign-up";
    public static final String RESEND_CODE = "/resend-code";
    public static final String FORGOT_PASSWORD = "/forgot-password";
    public static final String CONFIRM_FORGOT_PASSWORD = "/confirm-forgot-password";
    public static final String IMPLICIT_TOKENS = "/implicit-tokens";
    /**
     * The hosted login's MFA_SETUP for an authenticator app: AssociateSoftwareToken and VerifySoftwareToken with the
     * session of a hosted sign-in's MFA_SETUP challenge (never an API session, and back).
     */
    public static final String ASSOCIATE_SOFTWARE_TOKEN = "/associate-software-token";
    public static final String VERIFY_SOFTWARE_TOKEN = "/verify-software-token";
    /**
     * The hosted {@code /passkeys/add} page: StartWebAuthnRegistration and CompleteWebAuthnRegistration for the user of a
     * hosted SSO session of the client's pool, named by its {@code sub} (hosted-ui-service vouches for the session; no
     * access token): {@link HostedLoginRequests.PasskeyRegistrationStart} → {@link HostedLoginResponses.PasskeyCreationOptions},
     * {@link HostedLoginRequests.PasskeyRegistrationComplete} → {@code {}}.
     */
    public static final String PASSKEY_REGISTRATION_START = "/start-passkey-registration";
    public static final String PASSKEY_REGISTRATION_COMPLETE = "/complete-passkey-registration";

    /**
     * Federated sign-in through the hosted login (issue 14), under {@link #HOSTED_LOGIN}. user-pool-service runs the whole
     * upstream protocol (it holds the providers' secrets and the pool's SAML keys, which never leave it); hosted-ui-service
     * only moves the browser and keeps the authorization request. See {@link FederationRequests} and
     * {@link FederationResponses}.
     * <ul>
     * <li>{@link #FEDERATION_START}: where to send the browser to sign in at one of the client's providers
     *     ({@link FederationRequests.Start} → {@link FederationResponses.Redirect}).</li>
     * <li>{@link #FEDERATION_OIDC_CALLBACK}: what came back to {@code /oauth2/idpresponse} (OIDC and the social
     *     providers) → {@link FederationResponses.SignedIn}.</li>
     * <li>{@link #FEDERATION_SAML_RESPONSE}: what was posted to {@code /saml2/idpresponse} → {@link FederationResponses.SignedIn}.</li>
     * <li>{@link #FEDERATION_SAML_LOGOUT}: where to send the browser to sign out at a SAML provider with
     *     {@code IDPSignout} ({@link FederationRequests.SamlLogout} → {@link FederationResponses.Redirect});
     *     {@link #FEDERATION_SAML_LOGOUT_RESPONSE}: the provider's answer posted or redirected to {@code /saml2/logout}.</li>
     * </ul>
     * A refusal is a Cognito error body ({@code {"__type","message"}}) as on every hosted-login route.
     */
    public static final String FEDERATION_START = "/federation/start";
    public static final String FEDERATION_OIDC_CALLBACK = "/federation/oidc-callback";
    public static final String FEDERATION_SAML_RESPONSE = "/federation/saml-response";
    public static final String FEDERATION_SAML_LOGOUT = "/federation/saml-logout";
    public static final String FEDERATION_SAML_LOGOUT_RESPONSE = "/federation/saml-logout-response";

    /**
     * trigger-runner's internal API (its own internal port, {@code cognate.internal-api.port} 8094): user-pool-service
     * hands it one synchronous trigger call ({@link TriggerInvocation}) — not user-pool-service's routes, the same prefix.
     */
    public static final String TRIGGERS = V1 + "/triggers";
    /** Under {@link #TRIGGERS}: {@code POST} one call ({@link TriggerInvocation.Request} → {@link TriggerInvocation.Result}). */
    public static final String TRIGGER_INVOKE = "/invoke";
    /**
     * Under {@link #TRIGGERS}: a pool's webhook signing secret ({@link TriggerInvocation.WebhookSecret}); {@code GET} reads
     * it (made on first use), {@code POST} rotates it.
     */
    public static final String WEBHOOK_SECRET = "/user-pools/{poolId}/webhook-secret";
    /**
     * Under {@link #TRIGGERS}: a pool's dead letters ({@link EventDeliveries.DeadLetterPage}; {@code GET} with
     * {@code maxResults} and {@code nextToken}), one replayed ({@code POST}), its event subscriptions ({@code GET} lists,
     * {@code POST} creates, {@code DELETE} of one removes it).
     */
    public static final String DEAD_LETTERS = "/user-pools/{poolId}/dead-letters";
    public static final String DEAD_LETTER_REPLAY = "/user-pools/{poolId}/dead-letters/{id}/replay";
    public static final String EVENT_SUBSCRIPTIONS = "/user-pools/{poolId}/event-subscriptions";
    public static final String EVENT_SUBSCRIPTION = "/user-pools/{poolId}/event-subscriptions/{id}";
    /**
     * Under {@link #TRIGGERS}: {@code GET} a pool's trigger invocation log, newest first ({@link TriggerInvocationLog});
     * query parameters {@code trigger}, {@code maxResults}, {@code nextToken}.
     */
    public static final String TRIGGER_INVOCATIONS = "/user-pools/{poolId}/invocations";

    private InternalRoutes() {
    }
}
