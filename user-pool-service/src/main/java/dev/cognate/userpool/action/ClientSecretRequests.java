package dev.cognate.userpool.action;

import dev.cognate.userpool.domain.ClientSecret;

import java.time.Instant;

/** Shapes of the client secret rotation actions. */
final class ClientSecretRequests {

    /** {@code ClientSecretDescriptorType}; the value only when Cognate generated it, in AddUserPoolClientSecret's answer. */
    record ClientSecretDescriptor(String clientSecretId, String clientSecretValue, Instant clientSecretCreateDate) {
        static ClientSecretDescriptor withoutValue(ClientSecret secret) {
            return new ClientSecretDescriptor(secret.secretId(), null, secret.creationDate());
        }
    }

    private ClientSecretRequests() {
    }
}
