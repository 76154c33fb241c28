package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.config.SignInCodesConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * How many one-time sign-in codes a user was sent ({@link SignInCodes}): at most {@code cognate.sign-in-codes.max-per-user}
 * (default 5) in a fixed window of {@code cognate.sign-in-codes.window} (default 15 minutes), counted in Redis under
 * {@code cognate:sign-in-code-sends:<pool>:<who>:<window>} — {@code who} the user's {@code sub}, or for a decoy the name
 * asked for, so that an unknown name is refused exactly as a known one — with the window as TTL, the window's number
 * read from the injected clock. The count and its expiry are set in one Lua script: a key never outlives its window.
 * Redis unavailable fails closed: the limit protects users' phones and mailboxes, so no count means no code
 * ({@code InternalErrorException}; the sign-in session needs Redis as well).
 */
@ApplicationScoped
public class SignInCodeLimit {

    static final String KEY_PREFIX = "cognate:sign-in-code-sends:";
    private static final Logger LOG = Logger.getLogger(SignInCodeLimit.class);
    private static final String COUNT = "local n = redis.call('INCR', KEYS[1]) "
            + "if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
            + "return n";

    private final ReactiveRedisDataSource redis;
    private final SignInCodesConfig config;
    private final Clock clock;

    public SignInCodeLimit(ReactiveRedisDataSource redis, SignInCodesConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** Cognito's refusal when a user made too many requests (InitiateAuth and RespondToAuthChallenge document it). */
    public static CognitoException tooMany() {
        return new CognitoException("TooManyRequestsException",
                "Too many codes were sent to this user, please try after some time.", 429);
    }

    /** Counts one more code to {@code who} in pool {@code userPoolId}; fails with {@link #tooMany()} beyond the limit. */
    public Uni<Void> take(String userPoolId, String who) {
        long windowSeconds = Math.max(1, config.window().toSeconds());
        long window = clock.instant().getEpochSecond() / windowSeconds;
        String key = KEY_PREFIX + userPoolId + ":" + who + ":" + window;
        return redis.execute("EVAL", COUNT, "1", key, Long.toString(windowSeconds))
                .onFailure().transform(failure -> {
                    LOG.warnf("sign-in code limit unavailable, no code sent: %s", failure.getMessage());
                    return CognitoException.internalError();
                })
                .invoke(count -> {
                    if (count == null || count.toLong() > config.maxPerUser()) {
                        throw tooMany();
                    }
                })
                .replaceWithVoid();
    }
}
