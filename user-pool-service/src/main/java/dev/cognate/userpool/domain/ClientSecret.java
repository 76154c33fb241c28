package dev.cognate.userpool.domain;

import java.time.Instant;

/**
 * One secret of an app client (a client has at most two, for rotation).
 *
 * @param value the clear value, only in memory: decrypted on read, or just generated
 */
public record ClientSecret(String secretId, String clientId, String value, Instant creationDate) {

    public static final int MAX_PER_CLIENT = 2;

    /** The additional authenticated data binding a sealed value to its row. */
    public static String cipherContext(String secretId) {
        return "app-client-secret:" + secretId;
    }

    @Override
    public String toString() {
        return "ClientSecret[" + secretId + "]";
    }
}
