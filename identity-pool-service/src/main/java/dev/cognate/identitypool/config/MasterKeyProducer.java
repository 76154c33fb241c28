package dev.cognate.identitypool.config;

import dev.cognate.secrets.MasterKeyCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The cipher under {@code cognate.master-key}, which also opens values of {@code cognate.master-key-previous}; a malformed
 * key stops the start, a missing one fails only when used.
 */
public class MasterKeyProducer {

    @Produces
    @Singleton
    MasterKeyCipher masterKeyCipher(CognateConfig config) {
        return new MasterKeyCipher(config.masterKey(), config.masterKeyPrevious());
    }
}
