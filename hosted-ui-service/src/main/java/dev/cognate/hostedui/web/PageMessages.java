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

    @Message("This sign-in page is not yet available in Cognate.")
    String notYetAvailable();

    @Message("The sign-in service is temporarily unavailable. Please try again in a moment.")
    String serviceUnavailable();
}
