package dev.cognate.hostedui.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The hosted pages, checked at build time against {@code src/main/resources/templates/}. Every page includes
 * {@code base.html} and gets {@code lang}, the language tag of the page.
 */
@CheckedTemplate
public final class Templates {

    private Templates() {
    }

    /** {@code clientId} is shown only for {@link PageError#UNKNOWN_CLIENT}; Qute escapes it like every value. */
    public static native TemplateInstance error(String lang, PageError error, String clientId);

    public static native TemplateInstance login(String lang, LoginView view);

    public static native TemplateInstance newPassword(String lang, NewPasswordView view);

    public static native TemplateInstance mfaCode(String lang, MfaCodeView view);

    public static native TemplateInstance passkey(String lang, PasskeyView view);

    public static native TemplateInstance passkeyAdd(String lang, PasskeyAddView view);

    public static native TemplateInstance selectMfaType(String lang, SelectMfaTypeView view);

    public static native TemplateInstance mfaSetup(String lang, MfaSetupView view);

    public static native TemplateInstance signedOut(String lang);

    public static native TemplateInstance signup(String lang, AccountFormView view);

    public static native TemplateInstance confirm(String lang, AccountFormView view);

    public static native TemplateInstance forgotPassword(String lang, AccountFormView view);

    public static native TemplateInstance confirmForgotPassword(String lang, AccountFormView view);

    /** A page with one heading and one line of text (an outcome, e.g. of the confirmation link). */
    public static native TemplateInstance message(String lang, String heading, String text, boolean alert);
}
