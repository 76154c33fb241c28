package dev.cognate.triggers.config;

import dev.cognate.secrets.MasterKeyCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The cipher under {@code cognate.master-key}, which also opens values of {@code cognate.master-key-previous} (a
 * master-key rotation): the codes on {@code cognate.messages} and the pools' webhook secrets are opened with it. A
 * missing key fails only when used.
 */
public class MasterKeyProducer {

    @Produces
    @Singleton
    MasterKeyCipher masterKeyCipher(TriggerRunnerConfig config) {
        return new MasterKeyCipher(config.masterKey(), config.masterKeyPrevious());
    }
}
