package dev.cognate.events;

/**
 * Delivery requests on {@link Topics#MESSAGES}: trigger-runner turns each into an email (SMTP) or a
 * text message (SMS webhook), or hands it to the pool's custom sender. A code or temporary password
 * travels only sealed (AES-256-GCM under the installation's master key, additional data
 * {@code cognate.messages:<purpose>:<userPoolId>:<sub>}), never in clear.
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
     * @param purpose       Cognito's trigger source for the message (e.g. {@code CustomMessage_AdminCreateUser},
     *                      {@code CustomMessage_ForgotPassword})
     * @param medium        {@code EMAIL} or {@code SMS}
     * @param destination   the email address or phone number
     * @param sealedSecret  base64 of the sealed code or temporary password
     */
    public record DeliveryRequested(String userPoolId, String sub, String username, String purpose, String medium,
                                    String destination, String sealedSecret) {
    }
}
