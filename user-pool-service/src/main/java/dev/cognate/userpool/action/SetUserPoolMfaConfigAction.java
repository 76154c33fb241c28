package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserPoolMfaService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SetUserPoolMfaConfig. As in Cognito: an absent {@code MfaConfiguration} means OFF; OFF refuses any
 * enabled factor (SMS, TOTP, email), ON and OPTIONAL need at least one; WebAuthn is independent of MFA.
 * Factors the request leaves out are turned off.
 */
@ApplicationScoped
public class SetUserPoolMfaConfigAction implements AwsAction<SetUserPoolMfaConfigAction.Request, ObjectNode> {

    public record Request(String userPoolId, MfaTypes.SmsMfaConfigType smsMfaConfiguration,
                          MfaTypes.SoftwareTokenMfaConfigType softwareTokenMfaConfiguration,
                          MfaTypes.EmailMfaConfigType emailMfaConfiguration, String mfaConfiguration,
                          MfaTypes.WebAuthnConfigurationType webAuthnConfiguration) {
    }

    private final UserPoolMfaService service;

    public SetUserPoolMfaConfigAction(UserPoolMfaService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SetUserPoolMfaConfig";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<ObjectNode> execute(Request request, ActionContext context) {
        Validation validation = UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .oneOf("mfaConfiguration", request.mfaConfiguration(), MfaTypes.MFA_CONFIGURATIONS);
        MfaTypes.sms(validation, request.smsMfaConfiguration());
        MfaTypes.email(validation, request.emailMfaConfiguration());
        MfaTypes.webAuthn(validation, request.webAuthnConfiguration()).throwIfInvalid();

        String mfa = request.mfaConfiguration() == null ? "OFF" : request.mfaConfiguration();
        boolean totp = request.softwareTokenMfaConfiguration() != null && Boolean.TRUE.equals(request.softwareTokenMfaConfiguration().enabled());
        boolean anyFactor = totp || request.smsMfaConfiguration() != null || request.emailMfaConfiguration() != null;
        if ("OFF".equals(mfa) && anyFactor) {
            throw CognitoException.invalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
        }
        if (!"OFF".equals(mfa) && !anyFactor) {
            throw CognitoException.invalidParameter(
                    "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.");
        }
        return service.set(request.userPoolId(), mfa, MfaTypes.wire(request.smsMfaConfiguration()),
                MfaTypes.wire(request.softwareTokenMfaConfiguration()), MfaTypes.wire(request.emailMfaConfiguration()),
                MfaTypes.wire(request.webAuthnConfiguration()));
    }
}
