package dev.cognate.hostedui.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every record this service's native image may bind with Jackson, registered for reflection in one place: the records
 * of {@code dev.cognate.hostedui}, {@code dev.cognate.events}, {@code dev.cognate.internalapi}, {@code dev.cognate.tokens}.
 * Quarkus registers the types of REST resource signatures by itself, but not what libs/aws-protocol binds generically,
 * the internal API bodies, CloudEvent payloads or JSON kept in Redis; listing every record (also some that never meet
 * Jackson) is simpler than deciding one by one and costs little. {@code NativeReflectionTest} fails, naming the lines
 * to add or remove, when this list and the records of these packages differ.
 */
@RegisterForReflection(classNames = {
        "dev.cognate.events.CloudEvent",
        "dev.cognate.events.EventType",
        "dev.cognate.events.IdentityPoolEvents$IdentitiesMerged",
        "dev.cognate.events.IdentityPoolEvents$IdentityChanged",
        "dev.cognate.events.IdentityPoolEvents$PoolChanged",
        "dev.cognate.events.MessageEvents$DeliveryRequested",
        "dev.cognate.events.MessageEvents$CustomSender",
        "dev.cognate.events.UserPoolEvents$ClientChanged",
        "dev.cognate.events.UserPoolEvents$DomainChanged",
        "dev.cognate.events.UserPoolEvents$GroupChanged",
        "dev.cognate.events.UserPoolEvents$GroupMembershipChanged",
        "dev.cognate.events.UserPoolEvents$IdentityProviderChanged",
        "dev.cognate.events.UserPoolEvents$PoolChanged",
        "dev.cognate.events.UserPoolEvents$ResourceServerChanged",
        "dev.cognate.events.UserPoolEvents$SchemaChanged",
        "dev.cognate.events.UserPoolEvents$SignInFailed",
        "dev.cognate.events.UserPoolEvents$SignedIn",
        "dev.cognate.events.UserPoolEvents$UserChanged",
        "dev.cognate.events.UserPoolEvents$PostTriggerRequested",
        "dev.cognate.events.oauth.AuthorizationCode",
        "dev.cognate.hostedui.oauth.AuthorizationRequest",
        "dev.cognate.hostedui.oauth.IdTokenHint",
        "dev.cognate.hostedui.service.BrandingDirectory$Logo",
        "dev.cognate.hostedui.service.ExpiringCache$Entry",
        "dev.cognate.hostedui.service.HostedSession",
        "dev.cognate.hostedui.service.PendingChallenge",
        "dev.cognate.hostedui.web.AccountFormView",
        "dev.cognate.hostedui.web.AttributeInput",
        "dev.cognate.hostedui.web.AuthenticatorEnrolment",
        "dev.cognate.hostedui.web.AuthorizationFlow$Validated",
        "dev.cognate.hostedui.web.LoginView",
        "dev.cognate.hostedui.web.MfaCodeView",
        "dev.cognate.hostedui.web.MfaOption",
        "dev.cognate.hostedui.web.MfaSetupPage$Pending",
        "dev.cognate.hostedui.web.MfaSetupView",
        "dev.cognate.hostedui.web.NewPasswordView",
        "dev.cognate.hostedui.web.PageBranding",
        "dev.cognate.hostedui.web.SelectMfaTypeView",
        "dev.cognate.internalapi.AppClientConfig",
        "dev.cognate.internalapi.Branding",
        "dev.cognate.internalapi.HostedLoginRequests$ChoiceSignIn",
        "dev.cognate.internalapi.HostedLoginRequests$ConfirmForgotPassword",
        "dev.cognate.internalapi.HostedLoginRequests$ConfirmSignUp",
        "dev.cognate.internalapi.HostedLoginRequests$ImplicitTokens",
        "dev.cognate.internalapi.HostedLoginRequests$RespondToChallenge",
        "dev.cognate.internalapi.HostedLoginRequests$SignIn",
        "dev.cognate.internalapi.HostedLoginRequests$SignUp",
        "dev.cognate.internalapi.HostedLoginRequests$Username",
        "dev.cognate.internalapi.HostedLoginRequests$AssociateSoftwareToken",
        "dev.cognate.internalapi.HostedLoginRequests$VerifySoftwareToken",
        "dev.cognate.internalapi.HostedLoginResponses$CodeDeliveryDetails",
        "dev.cognate.internalapi.HostedLoginResponses$CodeDeliveryResult",
        "dev.cognate.internalapi.HostedLoginResponses$ImplicitTokens",
        "dev.cognate.internalapi.HostedLoginResponses$SignInStep",
        "dev.cognate.internalapi.HostedLoginResponses$SignUpResult",
        "dev.cognate.internalapi.HostedLoginResponses$SignedInUser",
        "dev.cognate.internalapi.HostedLoginResponses$SoftwareTokenAssociation",
        "dev.cognate.internalapi.HostedLoginResponses$SoftwareTokenVerification",
        "dev.cognate.internalapi.IdTokenCheck$Answer",
        "dev.cognate.internalapi.IdTokenCheck$Request",
        "dev.cognate.internalapi.TriggerInvocation$Request",
        "dev.cognate.internalapi.TriggerInvocation$Result",
        "dev.cognate.internalapi.TriggerInvocation$WebhookSecret",
        "dev.cognate.internalapi.EventDeliveries$DeadLetter",
        "dev.cognate.internalapi.EventDeliveries$DeadLetterPage",
        "dev.cognate.internalapi.EventDeliveries$Error",
        "dev.cognate.internalapi.EventDeliveries$NewSubscription",
        "dev.cognate.internalapi.EventDeliveries$Subscription",
        "dev.cognate.internalapi.EventDeliveries$Subscriptions",
        "dev.cognate.internalapi.TriggerInvocationLog$Entry",
        "dev.cognate.internalapi.TriggerInvocationLog$Error",
        "dev.cognate.internalapi.TriggerInvocationLog$Page",
        "dev.cognate.tokens.ClaimChecks",
        "dev.cognate.tokens.PublicKeys$Entry",
        "dev.cognate.tokens.VerifiedJwt",
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
