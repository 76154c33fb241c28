package dev.cognate.hostedui.web;

/**
 * The one-line notices a page can show after a redirect ({@code notice=<key>} in the query). Only these keys exist,
 * so no text from the URL is ever shown.
 */
final class PageNotices {

    static final String CONFIRMED = "confirmed";
    static final String PASSWORD_RESET = "password_reset";
    static final String CODE_SENT = "code_sent";
    static final String MFA_CODE_REFUSED = "mfa_code_refused";
    static final String SIGN_IN_EXPIRED = "sign_in_expired";
    static final String MFA_SETUP_UNAVAILABLE = "mfa_setup_unavailable";
    static final String PASSKEY_REFUSED = "passkey_refused";

    private PageNotices() {
    }

    static String text(String key, PageMessages messages) {
        if (key == null) {
            return null;
        }
        return switch (key) {
            case CONFIRMED -> messages.noticeConfirmed();
            case PASSWORD_RESET -> messages.noticePasswordReset();
            case CODE_SENT -> messages.noticeCodeSent();
            case MFA_CODE_REFUSED -> messages.noticeMfaCodeRefused();
            case SIGN_IN_EXPIRED -> messages.noticeSignInExpired();
            case MFA_SETUP_UNAVAILABLE -> messages.noticeMfaSetupUnavailable();
            case PASSKEY_REFUSED -> messages.noticePasskeyRefused();
            default -> null;
        };
    }
}
