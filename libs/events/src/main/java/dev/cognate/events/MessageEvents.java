package dev.cognate.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Delivery requests on {@link Topics#MESSAGES}: trigger-runner turns each into an email (SMTP) or a
 * text message (SMS webhook), or hands it to the pool's custom sender. A code or temporary password
 * travels only sealed (AES-256-GCM under the installation's master key, see {@link #sealingContext}), or, for a
 * custom sender, encrypted to the operator's custom-sender public key (a compact JWE), never in clear.
 */
public final class MessageEvents {

    /** Cognito's {@code AdminCreateUser} invitation: the username and a sealed temporary password. */
    public static final EventType<DeliveryRequested> INVITATION_REQUESTED =
            new EventType<>("cognate.messages.invitation.requested.v1", DeliveryRequested.class);
    /** A verification or reset code (sign-up, attribute verification, forgot password, admin reset). */
    public static final EventType<DeliveryRequested> CODE_REQUESTED =
            new EventType<>("cognate.messages.code.requested.v1", DeliveryRequested.class);

    private MessageEvents() {
    }

    /**
     * A message to deliver, rendered by user-pool-service from the pool's templates except for the secret:
     * trigger-runner opens {@code sealedSecret} and puts it where the text says {@code {####}}.
     *
     * @param purpose       Cognito's trigger source for the message (e.g. {@code CustomMessage_AdminCreateUser},
     *                      {@code CustomMessage_SignUp}, {@code CustomMessage_ForgotPassword}); also part of the
     *                      sealed secret's additional data
     * @param medium        {@code EMAIL} or {@code SMS}
     * @param destination   the email address or phone number
     * @param sealedSecret  base64 of the code or temporary password sealed with {@code MasterKeyCipher}, context
     *                      {@link #sealingContext}
     * @param subject       the email subject ({@code null} for SMS)
     * @param message       the text with {@code {username}} already replaced and {@code {####}} where the secret goes
     * @param from          the pool's {@code EmailConfiguration.From}, or {@code null} for the installation's sender
     * @param replyTo       the pool's {@code EmailConfiguration.ReplyToEmailAddress}, or {@code null}
     * @param customSender  the pool's {@code CustomEmailSender} / {@code CustomSMSSender} to hand the message to instead
     *                      of delivering it, or {@code null}; when set, {@code sealedSecret}, {@code subject} and
     *                      {@code message} are {@code null}: the function writes its own text
     */
    public record DeliveryRequested(String userPoolId, String sub, String username, String purpose, String medium,
                                    String destination, String sealedSecret, String subject, String message,
                                    String from, String replyTo, CustomSender customSender) {

        /** A message Cognate delivers itself (SMTP, mail directory, SMS gateway). */
        public DeliveryRequested(String userPoolId, String sub, String username, String purpose, String medium,
                                 String destination, String sealedSecret, String subject, String message,
                                 String from, String replyTo) {
            this(userPoolId, sub, username, purpose, medium, destination, sealedSecret, subject, message, from, replyTo, null);
        }
    }

    /**
     * A pool's custom sender function and the Cognito event to invoke it with, built by user-pool-service: {@code version},
     * {@code triggerSource} ({@code CustomEmailSender_SignUp}, {@code CustomSMSSender_AdminCreateUser}, ...),
     * {@code region}, {@code userPoolId}, {@code userName}, {@code callerContext}, and {@code request} with {@code type}
     * ({@code customEmailSenderRequestV1} / {@code customSMSSenderRequestV1}), {@code code} (the code or temporary
     * password as a compact JWE, RSA-OAEP-256 + A256GCM, to the operator's public key), {@code userAttributes} and
     * {@code clientMetadata}. trigger-runner POSTs the event as it is, as Cognito invokes the Lambda asynchronously.
     *
     * @param trigger {@code CustomEmailSender} or {@code CustomSMSSender}
     * @param target  the trigger's {@code LambdaArn}: an https URL, an allow-listed http URL, or an ARN mapped to one
     * @param kmsKeyId the pool's {@code LambdaConfig.KMSKeyID}, passed through (Cognate encrypts with its configured key)
     * @param event   the Cognito event
     */
    public record CustomSender(String trigger, String target, String kmsKeyId, ObjectNode event) {
    }

    /** The additional data a delivery's secret is sealed with: {@code cognate.messages:<purpose>:<poolId>:<sub>}. */
    public static String sealingContext(String purpose, String userPoolId, String sub) {
        return "cognate.messages:" + purpose + ":" + userPoolId + ":" + sub;
    }
}
