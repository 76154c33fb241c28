package dev.cognate.hostedui.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The hosted pages' text, namespace {@code msg} in templates. English is the default; a translation is a
 * {@code messages/msg_<lang>.properties} file plus the language in {@code cognate.pages.languages}.
 * Message parameters are plain text: the page template escapes them when it writes the message.
 */
@MessageBundle(value = "msg", locale = "en")
public interface PageMessages {

    @Message("Skip to main content")
    String skipToContent();

    @Message("Error")
    String errorTitle();

    /** Cognito's hosted UI heading for every error, kept so that users and support scripts recognise it. */
    @Message("An error was encountered with the requested page.")
    String errorHeading();

    @Message("The request has no client_id parameter.")
    String missingClientId();

    @Message("There is no app client with the client_id \"{clientId}\".")
    String unknownClient(String clientId);

    @Message("The request has no redirect_uri parameter.")
    String missingRedirectUri();

    @Message("The redirect_uri is not one of the app client's callback URLs.")
    String redirectMismatch();

    @Message("The request is not valid.")
    String badRequest();

    @Message("This page does not exist.")
    String notFound();

    @Message("Something went wrong on our side. Please try again later.")
    String internalError();

    @Message("The request has no logout_uri or redirect_uri parameter.")
    String missingLogoutUri();

    @Message("The logout URI is not one of the app client's sign-out URLs.")
    String logoutUriMismatch();

    @Message("The id_token_hint is not a valid ID token of this user pool.")
    String invalidIdTokenHint();

    @Message("Your sign-in with the identity provider took too long or was already completed. Go back to the app and sign in again.")
    String federationExpired();

    @Message("The identity provider's answer does not belong to a sign-in started here, and names no app to return to.")
    String federationUnsolicited();

    @Message("This form has expired or was sent from another page. Go back, reload the page and try again.")
    String csrfMismatch();

    @Message("The sign-in service is temporarily unavailable. Please try again in a moment.")
    String serviceUnavailable();

    // --- Sign-in ---

    @Message("Sign in")
    String signInTitle();

    @Message("Sign in with your username and password")
    String signInHeading();

    @Message("Username")
    String usernameLabel();

    @Message("Email")
    String emailLabel();

    @Message("Password")
    String passwordLabel();

    @Message("Sign in")
    String signInButton();

    @Message("Forgot your password?")
    String forgotPasswordLink();

    @Message("Need an account?")
    String signUpPrompt();

    @Message("Sign up")
    String signUpLink();

    @Message("Enter your username and password.")
    String missingCredentials();

    // --- Password-less sign-in (USER_AUTH's first factors) ---

    // --- Identity providers on the sign-in page (Cognito's labels for the social providers) ---
    @Message("Sign in with an identity provider")
    String providersHeading();

    @Message("Continue with Google")
    String continueWithGoogle();

    @Message("Continue with Facebook")
    String continueWithFacebook();

    @Message("Continue with Amazon")
    String continueWithAmazon();

    @Message("Continue with Apple")
    String continueWithApple();

    @Message("Sign in with your corporate email address or ID")
    String corporateIdLabel();

    @Message("Continue")
    String corporateIdButton();

    @Message("Enter your corporate email address or ID.")
    String corporateIdMissing();

    @Message("No sign-in option of this app matches that email address or ID.")
    String corporateIdUnknown();

    @Message("This app does not offer sign-in with a username and password.")
    String userPoolSignInUnavailable();

    @Message("Or sign in without a password")
    String passwordlessHeading();

    @Message("Sign in with a passkey")
    String passkeyButton();

    @Message("Email me a code")
    String emailCodeButton();

    @Message("Text me a code")
    String smsCodeButton();

    @Message("This sign-in option is not available for your account. Sign in another way.")
    String passwordlessUnavailable();

    // --- The passkey challenge (WEB_AUTHN) ---

    @Message("Sign in with a passkey")
    String passkeyTitle();

    @Message("Sign in with a passkey")
    String passkeyHeading();

    @Message("Use the passkey saved on this device or your security key to sign in.")
    String passkeyIntro();

    @Message("Use my passkey")
    String passkeyUseButton();

    @Message("Signing in with a passkey needs JavaScript. Turn it on, or sign in another way.")
    String passkeyNeedsScript();

    @Message("The passkey was not used. Try again, or sign in another way.")
    String passkeyCancelled();

    @Message("This browser cannot use passkeys. Sign in another way.")
    String passkeyUnsupported();

    @Message("Sign in another way")
    String otherWayLink();

    @Message("The passkey was not accepted. Sign in again.")
    String noticePasskeyRefused();

    // --- Adding a passkey (/passkeys/add) ---

    @Message("Create a passkey")
    String passkeyAddTitle();

    @Message("Create a passkey")
    String passkeyAddHeading();

    @Message("Sign in faster next time, without a password: create a passkey with this device's screen lock or your security key.")
    String passkeyAddIntro();

    @Message("Create a passkey")
    String passkeyAddButton();

    @Message("Creating a passkey needs JavaScript. Turn it on and try again.")
    String passkeyAddNeedsScript();

    @Message("No passkey was created. Try again when you are ready.")
    String passkeyAddCancelled();

    @Message("This browser cannot create passkeys.")
    String passkeyAddUnsupported();

    @Message("Passkey added")
    String passkeyAddedHeading();

    @Message("Your passkey was added. Next time, you can sign in with it.")
    String passkeyAdded();

    @Message("This passkey is already registered for your account.")
    String passkeyDuplicate();

    @Message("You already have as many passkeys as an account can have. Remove one before you add another.")
    String passkeyLimit();

    @Message("This passkey was made for another website and cannot be used here.")
    String passkeyWrongSite();

    @Message("Passkeys are not available for this app.")
    String passkeysUnavailable();

    @Message("The passkey request expired. Try again.")
    String passkeyRequestExpired();

    @Message("The passkey could not be checked. Try again.")
    String passkeyInvalid();

    // --- Cognito's messages, as user-pool-service answers them ---

    @Message("Incorrect username or password.")
    String incorrectUsernameOrPassword();

    @Message("Password attempts exceeded")
    String passwordAttemptsExceeded();

    @Message("User is disabled.")
    String userDisabled();

    @Message("User does not exist.")
    String userDoesNotExist();

    @Message("User already exists")
    String userAlreadyExists();

    @Message("Invalid verification code provided, please try again.")
    String codeMismatch();

    @Message("Invalid code provided, please request a code again.")
    String expiredCode();

    @Message("Attempt limit exceeded, please try after some time.")
    String limitExceeded();

    @Message("Too many failed attempts. Please try again later.")
    String tooManyAttempts();

    // --- Notices after a redirect ---

    @Message("Your account is confirmed. Sign in to continue.")
    String noticeConfirmed();

    @Message("Your password has been changed. Sign in with your new password.")
    String noticePasswordReset();

    @Message("We have sent you a new code.")
    String noticeCodeSent();

    // --- New password ---

    @Message("Change password")
    String newPasswordTitle();

    @Message("Change Password")
    String newPasswordHeading();

    @Message("Please enter a new password.")
    String newPasswordIntro();

    @Message("New password")
    String newPasswordLabel();

    @Message("Confirm password")
    String confirmPasswordLabel();

    @Message("Enter a new password.")
    String missingNewPassword();

    @Message("Passwords do not match.")
    String passwordsDoNotMatch();

    @Message("Send")
    String sendButton();

    // --- MFA code (SOFTWARE_TOKEN_MFA) ---

    @Message("Multi-factor authentication")
    String mfaTitle();

    @Message("Multi-factor authentication")
    String mfaHeading();

    @Message("Enter the code from your authenticator app.")
    String mfaIntro();

    @Message("Code")
    String mfaCodeLabel();

    @Message("Enter the code from your authenticator app.")
    String missingMfaCode();

    @Message("The code was not accepted. Sign in again.")
    String noticeMfaCodeRefused();

    @Message("Your sign-in took too long. Sign in again.")
    String noticeSignInExpired();

    @Message("Your account needs a second sign-in step that cannot be set up on this page. Contact your administrator.")
    String noticeMfaSetupUnavailable();

    // --- MFA codes sent by SMS_MFA and EMAIL_OTP ---

    @Message("We sent a code by text message to {destination}. Enter it below.")
    String mfaSmsIntro(String destination);

    @Message("We sent you a code by text message. Enter it below.")
    String mfaSmsIntroNoDestination();

    @Message("We sent a code by email to {destination}. Enter it below.")
    String mfaEmailIntro(String destination);

    @Message("We sent you a code by email. Enter it below.")
    String mfaEmailIntroNoDestination();

    @Message("Enter the code we sent you.")
    String missingSentCode();

    // --- The choice of factor (SELECT_MFA_TYPE) ---

    @Message("Choose how to verify")
    String selectMfaTitle();

    @Message("Choose how to verify your sign-in")
    String selectMfaHeading();

    @Message("Your account has more than one way to verify a sign-in.")
    String selectMfaIntro();

    @Message("Verify with")
    String selectMfaLegend();

    @Message("Authenticator app")
    String mfaTypeSoftwareToken();

    @Message("Text message (SMS)")
    String mfaTypeSms();

    @Message("Email")
    String mfaTypeEmail();

    @Message("Choose one of the ways to verify.")
    String missingMfaType();

    @Message("Continue")
    String continueButton();

    // --- MFA set-up (MFA_SETUP) ---

    @Message("Set up multi-factor authentication")
    String mfaSetupTitle();

    @Message("Set up multi-factor authentication")
    String mfaSetupHeading();

    @Message("Your account needs a second step when you sign in. Choose how you want to get your codes.")
    String mfaSetupChooseIntro();

    @Message("Scan the QR code with your authenticator app, or enter the secret key in the app. Then enter the 6-digit code the app shows.")
    String mfaSetupTotpIntro();

    @Message("QR code for your authenticator app")
    String mfaSetupQrLabel();

    @Message("Secret key")
    String mfaSetupSecretLabel();

    @Message("Open in an authenticator app on this device")
    String mfaSetupOpenApp();

    @Message("Code from the app")
    String mfaSetupCodeLabel();

    @Message("Device name (optional)")
    String mfaSetupDeviceNameLabel();

    @Message("Enter the 6-digit code from your authenticator app.")
    String missingSetupCode();

    @Message("The code does not match. Enter the current code from your authenticator app.")
    String setupCodeMismatch();

    @Message("Enter the email address where we should send your sign-in codes.")
    String mfaSetupEmailIntro();

    @Message("Email address")
    String mfaSetupEmailLabel();

    @Message("Enter your email address.")
    String missingEmail();

    @Message("Verify")
    String verifyButton();

    // --- Sign-out ---

    @Message("Signed out")
    String signedOutTitle();

    @Message("You have been signed out.")
    String signedOutText();

    // --- Sign-up and confirmation ---

    @Message("Sign up")
    String signUpTitle();

    @Message("Sign up with a new account")
    String signUpHeading();

    @Message("Sign up")
    String signUpButton();

    @Message("Already have an account?")
    String haveAccountPrompt();

    @Message("Sign in")
    String signInLink();

    @Message("Confirm account")
    String confirmTitle();

    @Message("Confirm your account")
    String confirmHeading();

    @Message("Enter the code we sent you to confirm your account.")
    String confirmIntro();

    @Message("Verification code")
    String codeLabel();

    @Message("Confirm account")
    String confirmButton();

    @Message("Resend code")
    String resendCodeButton();

    @Message("Enter your username and the verification code.")
    String missingCode();

    @Message("Enter your username.")
    String missingUsername();

    @Message("Account confirmed")
    String confirmedTitle();

    @Message("Your registration has been confirmed. You can now sign in.")
    String confirmedText();

    // --- Password reset ---

    @Message("Forgot password")
    String forgotTitle();

    @Message("Forgot your password?")
    String forgotHeading();

    @Message("Enter your username below and we will send a message to reset your password.")
    String forgotIntro();

    @Message("Reset my password")
    String resetButton();

    @Message("Reset password")
    String confirmForgotTitle();

    @Message("Reset your password")
    String confirmForgotHeading();

    @Message("Enter the code we sent you and choose a new password.")
    String confirmForgotIntro();

    @Message("Change Password")
    String changePasswordButton();
}
