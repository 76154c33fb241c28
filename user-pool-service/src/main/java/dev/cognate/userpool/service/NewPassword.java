package dev.cognate.userpool.service;

/**
 * A password ready to be written: checked against the pool's policy (and its history, where Cognito enforces it) and
 * hashed by {@link UserPasswords#prepare} before the transaction that writes it opens, so Argon2 never holds a database
 * connection. The plain text is kept only until that transaction derives the SRP verifier from it.
 */
public record NewPassword(String plainText, String hash) {

    /** Never prints the password, should the record reach a log line. */
    @Override
    public String toString() {
        return "NewPassword[redacted]";
    }
}
