package dev.cognate.userpool.domain;

/** Cognito's {@code UserStatusType}. */
public enum UserStatus {
    UNCONFIRMED, CONFIRMED, EXTERNAL_PROVIDER, UNKNOWN, RESET_REQUIRED, FORCE_CHANGE_PASSWORD
}
