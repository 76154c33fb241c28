package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ClientAuthenticatorTest {

    @Test
    void computesTheSecretHashAsOpensslDoes() {
        // Base64(HMAC-SHA256(key = "secret", message = "alice" + "client123")), computed independently:
        // printf 'aliceclient123' | openssl dgst -sha256 -hmac secret -binary | base64
        assertThat(ClientAuthenticator.secretHash("secret", "alice", "client123")).isEqualTo("oKHO337pkuh1r3zUNCZ1oCL3YgM0Yi2nkcAZsKQTIH8=");
    }

    @Test
    void acceptsAHashMadeWithEitherOfTwoRotatingSecretsAndRefusesOthers() {
        String hash = ClientAuthenticator.secretHash("new-secret", "bob", "c1");
        assertThatNoException().isThrownBy(() -> ClientAuthenticator.checkSecretHash("c1", List.of("old-secret", "new-secret"), "bob", hash));
        assertThatNoException().isThrownBy(() -> ClientAuthenticator.checkSecretHash("c1", List.of(), "bob", null));
        assertThatThrownBy(() -> ClientAuthenticator.checkSecretHash("c1", List.of("old-secret"), "bob", hash))
                .isInstanceOf(CognitoException.class).hasMessage("Unable to verify secret hash for client c1");
        assertThatThrownBy(() -> ClientAuthenticator.checkSecretHash("c1", List.of("old-secret"), "bob", null))
                .hasMessage("Client c1 is configured with secret but SECRET_HASH was not received");
    }
}
