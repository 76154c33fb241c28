package dev.cognate.identitypool.login;

import dev.cognate.awsprotocol.CognitoException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The SAML assertions that already bought credentials, in Redis under
 * {@code cognate:identity-pool:saml-assertion:<sha-256 of provider ARN and assertion ID>} (written and read only by
 * identity-pool-service) until the assertion can no longer verify anyway (its last {@code NotOnOrAfter} plus java-saml's
 * clock drift). Redis rather than memory: every replica sees the same spent assertions, and the keys expire by themselves.
 * <p>
 * An app presents one assertion to {@code GetId}, then to {@code GetCredentialsForIdentity} (the AWS SDKs' flow), so
 * identifying an identity does not spend it; what vends credentials or an identity token spends it, once
 * ({@code SET NX}). A spent assertion is refused everywhere. Redis unreachable: refused ({@code InternalErrorException}),
 * never let through.
 */
@ApplicationScoped
public class SamlAssertionReplay {

    static final String KEY_PREFIX = "cognate:identity-pool:saml-assertion:";
    /** java-saml's allowance for clocks (Constants.ALOWED_CLOCK_DRIFT, seconds): an assertion verifies that long past its time. */
    static final Duration CLOCK_DRIFT = Duration.ofSeconds(180);
    static final String REPLAYED = "Invalid login token. The SAML assertion has already been used.";
    private static final Logger LOG = Logger.getLogger(SamlAssertionReplay.class);

    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    public SamlAssertionReplay(ReactiveRedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Refused when the assertion was spent. */
    public Uni<Void> requireUnspent(String providerArn, String assertionId) {
        return redis.execute("EXISTS", key(providerArn, assertionId))
                .onFailure().transform(SamlAssertionReplay::unavailable)
                .invoke(exists -> {
                    if (exists != null && exists.toLong() > 0) {
                        throw LoginRefusals.notAuthorized(REPLAYED);
                    }
                })
                .replaceWithVoid();
    }

    /** Spends the assertion; refused when it was spent before. */
    public Uni<Void> spend(String providerArn, String assertionId, Instant lastValidity) {
        long ttlMillis = Math.max(1000, Duration.between(clock.instant(), lastValidity.plus(CLOCK_DRIFT)).toMillis());
        return redis.execute("SET", key(providerArn, assertionId), "1", "NX", "PX", Long.toString(ttlMillis))
                .onFailure().transform(SamlAssertionReplay::unavailable)
                .invoke(set -> {
                    // SET NX answers OK when it wrote, nil when the key was there
                    if (set == null) {
                        throw LoginRefusals.notAuthorized(REPLAYED);
                    }
                })
                .replaceWithVoid();
    }

    static String key(String providerArn, String assertionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((providerArn + "\n" + assertionId).getBytes(StandardCharsets.UTF_8));
            return KEY_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable unavailable(Throwable failure) {
        LOG.errorf("the SAML replay cache (Redis) is unavailable, refusing the SAML login: %s", failure.getMessage());
        return CognitoException.internalError();
    }
}
