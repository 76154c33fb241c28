package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.util.Locale;

/**
 * The message bundle in a page's language, for text chosen in Java (form errors). Cognito's own messages from
 * user-pool-service are translated when they are known; others (password-policy details, for instance) are shown as
 * user-pool-service wrote them.
 */
final class PageText {

    private PageText() {
    }

    static PageMessages in(Locale locale) {
        return MessageBundles.get(PageMessages.class, Localized.Literal.of(locale.toLanguageTag()));
    }

    /** What the form says about a refused request. */
    static String describe(CognitoErrorException error, PageMessages messages) {
        return switch (error.getMessage()) {
            case "Incorrect username or password." -> messages.incorrectUsernameOrPassword();
            case "Password attempts exceeded" -> messages.passwordAttemptsExceeded();
            case "User is disabled." -> messages.userDisabled();
            case "User does not exist." -> messages.userDoesNotExist();
            case "User already exists" -> messages.userAlreadyExists();
            default -> switch (error.type()) {
                case "CodeMismatchException" -> messages.codeMismatch();
                case "ExpiredCodeException" -> messages.expiredCode();
                case "LimitExceededException" -> messages.limitExceeded();
                case "TooManyFailedAttemptsException", "TooManyRequestsException" -> messages.tooManyAttempts();
                case "UsernameExistsException" -> messages.userAlreadyExists();
                default -> error.getMessage().isBlank() ? messages.badRequest() : error.getMessage();
            };
        };
    }
}
