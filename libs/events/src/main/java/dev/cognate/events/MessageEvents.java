package dev.cognate.events;

/**
 * Delivery requests on {@link Topics#MESSAGES}: trigger-runner turns each into an email (SMTP) or a
 * text message (SMS webhook), or hands it to the pool's custom sender. A code or temporary password
 * travels only sealed (AES-256-GCM under the installation's master key, see {@link #sealingContext}), never in clear.
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
     */
    public record DeliveryRequested(String userPoolId, String sub, String username, String purpose, String medium,
                                    String destination, String sealedSecret, String subject, String message,
                                    String from, String replyTo) {
    }

    /** The additional data a delivery's secret is sealed with: {@code cognate.messages:<purpose>:<poolId>:<sub>}. */
    public static String sealingContext(String purpose, String userPoolId, String sub) {
        return "cognate.messages:" + purpose + ":" + userPoolId + ":" + sub;
    }
}
