package dev.cognate.triggers.domain;

/** The {@code status} of a row in {@code deliveries}. */
public enum DeliveryStatus {
    /** Handed to the SMTP server, the SMS gateway or the mail directory. */
    DELIVERED,
    /** The last attempt failed transiently; another one is scheduled. */
    RETRYING,
    /** Dead-lettered after the last attempt failed transiently. */
    FAILED,
    /** Dead-lettered at once: the secret did not open, or the failure was permanent. */
    REJECTED
}
