package dev.cognate.identitypool.token;

import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.secrets.MasterKeyCipher;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Rotates the identity token keys on every replica every {@code cognate.identity-tokens.key-rotation-check}
 * ({@link IdentityTokenKeys#rotateIfDue}: under a database lock, so one replica acts). Refuses to start with a rotation
 * schedule that could not publish a key ahead of its use.
 */
@ApplicationScoped
public class IdentityTokenKeyRotationJob {

    private static final Logger LOG = Logger.getLogger(IdentityTokenKeyRotationJob.class);

    private final IdentityTokenKeys keys;
    private final MasterKeyCipher cipher;
    private final CognateConfig config;

    public IdentityTokenKeyRotationJob(IdentityTokenKeys keys, MasterKeyCipher cipher, CognateConfig config) {
        this.keys = keys;
        this.cipher = cipher;
        this.config = config;
    }

    public void check(@Observes StartupEvent started) {
        CognateConfig.IdentityTokens tokens = config.identityTokens();
        if (tokens.keyPublishAhead().isNegative() || tokens.keyRotationInterval().compareTo(tokens.keyPublishAhead()) <= 0) {
            throw new IllegalStateException("cognate.identity-tokens.key-rotation-interval (" + tokens.keyRotationInterval()
                    + ") must be longer than cognate.identity-tokens.key-publish-ahead (" + tokens.keyPublishAhead() + ")");
        }
    }

    @Scheduled(every = "${cognate.identity-tokens.key-rotation-check:PT1M}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rotate() {
        if (!cipher.hasKey()) {
            // no identity token can be signed without the master key (it seals the private keys): nothing to rotate
            return Uni.createFrom().voidItem();
        }
        return keys.rotateIfDue()
                .invoke(kid -> {
                    if (kid != null) {
                        LOG.infof("Identity token key %s created", kid);
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf(failure, "Identity token key rotation failed; retried at the next check"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
