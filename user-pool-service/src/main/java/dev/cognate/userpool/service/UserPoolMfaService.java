package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.UserPoolMfaRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.SettingsCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A pool's MFA and passkey configuration (SetUserPoolMfaConfig, GetUserPoolMfaConfig).
 * {@code MfaConfiguration}, {@code SmsAuthenticationMessage} and {@code SmsConfiguration} live in the
 * pool's settings, where DescribeUserPool reads them; the factors DescribeUserPool does not show live
 * in {@code mfa_config}. A change publishes {@code pool.updated} in its transaction.
 */
@ApplicationScoped
public class UserPoolMfaService {

    public static final String MFA_CONFIGURATION = "MfaConfiguration";
    public static final String SMS_MFA = "SmsMfaConfiguration";
    public static final String SOFTWARE_TOKEN_MFA = "SoftwareTokenMfaConfiguration";
    public static final String EMAIL_MFA = "EmailMfaConfiguration";
    public static final String WEB_AUTHN = "WebAuthnConfiguration";

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserPoolMfaRepository mfa;
    private final Clock clock;

    /** Dropped after every committed change of a pool or its clients (repository/SettingsCache). */
    private final SettingsCache settingsCache;

    public UserPoolMfaService(Pool db, UserPoolRepository pools, UserPoolMfaRepository mfa, Clock clock, SettingsCache settingsCache) {
        this.settingsCache = settingsCache;
        this.db = db;
        this.pools = pools;
        this.mfa = mfa;
        this.clock = clock;
    }

    /** The GetUserPoolMfaConfig response members. */
    public Uni<ObjectNode> get(String poolId) {
        return pools.require(db, poolId)
                .chain(pool -> mfa.find(db, poolId).map(stored -> view(pool, stored.orElseThrow(() -> UserPool.notFound(poolId)))));
    }

    /**
     * Replaces the MFA configuration with the request's (already validated) members: factors it leaves out
     * are turned off; WebAuthnConfiguration, which is independent of MFA, is kept when left out.
     */
    public Uni<ObjectNode> set(String poolId, String mfaConfiguration, JsonNode sms, JsonNode softwareToken, JsonNode email, JsonNode webAuthn) {
        return db.withTransaction(tx -> pools.requireForUpdate(tx, poolId)
                .invoke(pool -> {
                    if (email != null && "LITE".equals(pool.config().tier())) {
                        throw new CognitoException("FeatureUnavailableInTierException",
                                "Email MFA is not available in the LITE tier. Set UserPoolTier to ESSENTIALS or PLUS.");
                    }
                })
                .chain(pool -> mfa.find(tx, poolId).map(stored -> {
                    ObjectNode previous = stored.orElseThrow(() -> UserPool.notFound(poolId));
                    ObjectNode next = previous.objectNode();
                    putIfPresent(next, SMS_MFA, sms);
                    putIfPresent(next, SOFTWARE_TOKEN_MFA, softwareToken);
                    putIfPresent(next, EMAIL_MFA, email);
                    putIfPresent(next, WEB_AUTHN, webAuthn != null ? webAuthn : previous.get(WEB_AUTHN));
                    ObjectNode settings = pool.settings().deepCopy();
                    settings.put(MFA_CONFIGURATION, mfaConfiguration);
                    if (sms != null) {
                        putIfPresent(settings, "SmsAuthenticationMessage", sms.get("SmsAuthenticationMessage"));
                        putIfPresent(settings, "SmsConfiguration", sms.get("SmsConfiguration"));
                    }
                    UserPool updated = new UserPool(pool.id(), pool.name(), settings, pool.tags(), pool.creationDate(),
                            clock.instant().truncatedTo(ChronoUnit.MILLIS));
                    return new Change(updated, next);
                }))
                .call(change -> pools.update(tx, change.pool()))
                .call(change -> mfa.save(tx, poolId, change.mfaConfig()))
                .call(change -> UserPoolEventOutbox.publish(tx, poolId, UserPoolEvents.POOL_UPDATED,
                        new UserPoolEvents.PoolChanged(poolId, change.pool().name())))
                .map(change -> view(change.pool(), change.mfaConfig())))
                .call(() -> settingsCache.poolChanged(poolId));
    }

    private record Change(UserPool pool, ObjectNode mfaConfig) {
    }

    private static ObjectNode view(UserPool pool, ObjectNode stored) {
        ObjectNode view = stored.objectNode();
        putIfPresent(view, SMS_MFA, stored.get(SMS_MFA));
        putIfPresent(view, SOFTWARE_TOKEN_MFA, stored.get(SOFTWARE_TOKEN_MFA));
        putIfPresent(view, EMAIL_MFA, stored.get(EMAIL_MFA));
        view.put(MFA_CONFIGURATION, pool.config().mfaConfiguration());
        JsonNode webAuthn = stored.get(WEB_AUTHN);
        view.set(WEB_AUTHN, webAuthn != null ? webAuthn : view.objectNode().put("UserVerification", "preferred"));
        return view;
    }

    private static void putIfPresent(ObjectNode target, String member, JsonNode value) {
        if (value != null && !value.isNull()) {
            target.set(member, value);
        }
    }
}
