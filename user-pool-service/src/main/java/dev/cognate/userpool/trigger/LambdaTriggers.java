package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.userpool.config.TriggerConfig;
import dev.cognate.userpool.repository.TriggerSettingsRepository;
import dev.cognate.userpool.validation.LambdaConfigRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Runs one synchronous trigger through trigger-runner and maps how it ended to Cognito's exceptions: the function's
 * error → {@code UserLambdaValidationException} ("&lt;Trigger&gt; failed with error &lt;message&gt;."), an answer that
 * is not an event → {@code InvalidLambdaResponseException} ("Unrecognizable lambda output"), no answer (timeout,
 * unreachable, refused by the egress guard, an unmapped Lambda ARN, trigger-runner itself down) →
 * {@code UnexpectedLambdaException} ("&lt;Trigger&gt; invocation failed due to error &lt;reason&gt;."). The wait for
 * trigger-runner is bounded by the function's timeout plus a margin, so a caller never hangs.
 */
@ApplicationScoped
public class LambdaTriggers {

    private static final Logger LOG = Logger.getLogger(LambdaTriggers.class);
    /** What trigger-runner may add to the function's own timeout (connecting, signing, its database). */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final TriggerRunnerClient runner;
    private final Duration timeout;
    private final Pool db;
    private final TriggerSettingsRepository settings;

    public LambdaTriggers(@RestClient TriggerRunnerClient runner, TriggerConfig config, Pool db, TriggerSettingsRepository settings) {
        this.runner = runner;
        this.timeout = config.timeout();
        this.db = db;
        this.settings = settings;
    }

    /**
     * The function's answer (the event with {@code response} filled in) or the Cognito exception of its failure, within
     * the pool's trigger timeout ({@code CognateAdmin.SetTriggerSettings} TimeoutSeconds; {@code cognate.triggers.timeout}
     * for a pool without settings).
     */
    public Uni<JsonNode> invoke(String poolId, String trigger, String target, ObjectNode event) {
        return settings.find(db, poolId)
                .map(stored -> stored.map(TriggerSettings::timeout).orElse(timeout))
                .chain(poolTimeout -> invoke(poolId, trigger, target, event, poolTimeout));
    }

    /** The pool's trigger settings (the defaults when it has none stored). */
    public Uni<TriggerSettings> settingsOf(SqlClient sql, String poolId) {
        return settings.find(sql, poolId).map(stored -> stored.orElseGet(() -> TriggerSettings.defaults(timeout)));
    }

    /** The timeout of a pool without settings of its own ({@code cognate.triggers.timeout}). */
    public Duration defaultTimeout() {
        return timeout;
    }

    private Uni<JsonNode> invoke(String poolId, String trigger, String target, ObjectNode event, Duration timeout) {
        TriggerInvocation.Request request = new TriggerInvocation.Request(poolId, trigger, target, timeout.toMillis(), event);
        return runner.invoke(request)
                .ifNoItem().after(timeout.plus(MARGIN)).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("trigger %s of %s: trigger-runner did not answer: %s", trigger, poolId, failure.toString());
                    return unexpected(trigger, "TriggerRunnerUnavailable");
                })
                .map(result -> answerOf(trigger, result));
    }

    static JsonNode answerOf(String trigger, TriggerInvocation.Result result) {
        TriggerInvocation.Outcome outcome = result == null || result.outcome() == null ? TriggerInvocation.Outcome.NO_ANSWER : result.outcome();
        return switch (outcome) {
            case ANSWERED -> result.event();
            case FUNCTION_ERROR -> throw new CognitoException("UserLambdaValidationException",
                    trigger + " failed with error " + result.errorMessage() + ".");
            case INVALID_RESPONSE -> throw invalidResponse();
            case NO_ANSWER -> throw unexpected(trigger, result == null || result.errorType() == null ? "Unknown" : result.errorType());
        };
    }

    /**
     * Fails closed when the pool's stored {@code LambdaConfig} names a trigger Cognate does not run: pools written before
     * CreateUserPool/UpdateUserPool refused those may still hold one, and skipping it (a PreAuthentication veto, a
     * UserMigration) would change who can sign up or sign in. Every sign-up and every token minted asks this first.
     */
    public static void requireRunnable(ObjectNode lambdaConfig) {
        LambdaConfigRules.firstTriggerNotRun(lambdaConfig).ifPresent(member -> {
            throw unexpected(member.split(" ")[0], "TriggerNotRunByCognate");
        });
    }

    public static CognitoException invalidResponse() {
        return new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
    }

    static CognitoException unexpected(String trigger, String reason) {
        return new CognitoException("UnexpectedLambdaException", trigger + " invocation failed due to error " + reason + ".");
    }
}
