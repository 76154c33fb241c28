package dev.cognate.userpool.crypto;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.secrets.MasterKeyCipher;
import dev.cognate.userpool.config.CognateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Secrets at rest (client secrets, identity provider secrets, signing keys) and the secrets this service
 * puts on {@code cognate.messages}: {@link MasterKeyCipher} (AES-256-GCM, libs/secrets) under
 * {@code cognate.master-key}.
 *
 * <p>A malformed key fails startup. A missing key does not (pools and public clients work without one): the
 * operations that need it answer {@code InternalErrorException} and the cause is logged once.
 */
@ApplicationScoped
public class SecretCipher {

    private static final Logger LOG = Logger.getLogger(SecretCipher.class);

    private final MasterKeyCipher cipher;
    private final AtomicBoolean missingKeyLogged = new AtomicBoolean();

    @Inject
    public SecretCipher(CognateConfig config) {
        this(config.masterKey(), config.masterKeyPrevious());
    }

    /** @param base64Key base64 of 32 random bytes, or empty when none is configured */
    public SecretCipher(Optional<String> base64Key) {
        this(base64Key, Optional.empty());
    }

    /** @param previousBase64Keys keys of before a rotation that only open values (comma-separated base64) */
    public SecretCipher(Optional<String> base64Key, Optional<String> previousBase64Keys) {
        this.cipher = new MasterKeyCipher(base64Key, previousBase64Keys);
    }

    /** The key ring itself, for the re-seal job after a rotation. */
    public MasterKeyCipher masterKey() {
        return cipher;
    }

    void checkAtStartup(@Observes StartupEvent event) {
        if (!cipher.hasKey()) {
            LOG.warn(cipher.problem());
            missingKeyLogged.set(true);
        }
    }

    public boolean hasKey() {
        return cipher.hasKey();
    }

    public byte[] encrypt(String plaintext, String context) {
        try {
            return cipher.encrypt(plaintext, context);
        } catch (MasterKeyCipher.MissingKeyException e) {
            throw missingKey(e);
        }
    }

    public String decrypt(byte[] stored, String context) {
        try {
            return cipher.decrypt(stored, context);
        } catch (MasterKeyCipher.MissingKeyException e) {
            throw missingKey(e);
        }
    }

    private CognitoException missingKey(MasterKeyCipher.MissingKeyException e) {
        if (missingKeyLogged.compareAndSet(false, true)) {
            LOG.error(e.getMessage());
        }
        return CognitoException.internalError();
    }
}
