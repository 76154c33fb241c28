package dev.cognate.hostedui.web;

import java.util.List;

/**
 * What the MFA set-up page shows, in one of three steps: the choice of method ({@code options}, when the engine offers
 * several), the authenticator app's set-up ({@code enrolment}: QR code, secret, then the first code), or the email
 * address to send codes to.
 */
public record MfaSetupView(String action, String csrf, String error, List<MfaOption> options, AuthenticatorEnrolment enrolment,
                           String typedEmail, String deviceName) {

    static MfaSetupView choice(String action, String csrf, String error, List<MfaOption> options) {
        return new MfaSetupView(action, csrf, error, options, null, null, null);
    }

    static MfaSetupView authenticator(String action, String csrf, String error, AuthenticatorEnrolment enrolment, String deviceName) {
        return new MfaSetupView(action, csrf, error, List.of(), enrolment, null, deviceName);
    }

    static MfaSetupView emailAddress(String action, String csrf, String error, String typedEmail) {
        return new MfaSetupView(action, csrf, error, List.of(), null, typedEmail, null);
    }

    public boolean choosing() {
        return !options.isEmpty();
    }
}
