package dev.cognate.triggers.domain;

/**
 * A message ready to send, its secret in clear: it lives only in memory, for the time of the delivery. Its
 * {@link #toString()} shows neither the text nor the full destination.
 *
 * @param subject {@code null} for SMS
 * @param from    the sender, always set for email (the pool's or the installation's), {@code null} for SMS
 * @param replyTo {@code null} when the pool has none
 */
public record OutgoingMessage(String eventId, String userPoolId, String purpose, Medium medium, String destination,
                              String subject, String text, String from, String replyTo) {

    @Override
    public String toString() {
        return "message of event " + eventId + " (" + purpose + ", " + medium + " to " + medium.mask(destination) + ")";
    }
}
