package dev.cognate.userpool.trigger;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.EventDeliveries;
import dev.cognate.userpool.repository.TriggerSettingsRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.util.List;

/**
 * The operator's side of a pool's triggers beyond Cognito, for the CognateAdmin actions: its trigger settings (kept
 * here, {@code trigger_settings}), and its dead letters and event subscriptions (kept by trigger-runner, reached on its
 * internal API). The pool must exist here. trigger-runner's refusals become {@code InvalidParameterException} (400) and
 * {@code ResourceNotFoundException} (404) with its message; trigger-runner unreachable is an internal error.
 */
@ApplicationScoped
public class TriggerAdministration {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Pool db;
    private final UserPoolRepository pools;
    private final TriggerSettingsRepository settings;
    private final LambdaTriggers triggers;
    private final TriggerRunnerClient runner;

    public TriggerAdministration(Pool db, UserPoolRepository pools, TriggerSettingsRepository settings, LambdaTriggers triggers,
                                 @RestClient TriggerRunnerClient runner) {
        this.db = db;
        this.pools = pools;
        this.settings = settings;
        this.triggers = triggers;
        this.runner = runner;
    }

    public Uni<TriggerSettings> settings(String poolId) {
        return pools.require(db, poolId).chain(pool -> triggers.settingsOf(db, pool.id()));
    }

    public Uni<TriggerSettings> setSettings(String poolId, TriggerSettings changed) {
        return db.withTransaction(tx -> pools.require(tx, poolId).chain(pool -> settings.save(tx, pool.id(), changed)))
                .replaceWith(changed);
    }

    public Uni<EventDeliveries.DeadLetterPage> deadLetters(String poolId, Integer maxResults, String nextToken) {
        return pools.require(db, poolId).chain(pool -> fromRunner(runner.deadLetters(pool.id(), maxResults, nextToken)));
    }

    public Uni<Void> replay(String poolId, String id) {
        return pools.require(db, poolId).chain(pool -> fromRunner(runner.replayDeadLetter(pool.id(), id)));
    }

    public Uni<EventDeliveries.Subscription> subscribe(String poolId, String endpoint, List<String> eventTypes) {
        return pools.require(db, poolId).chain(pool -> fromRunner(runner.createEventSubscription(pool.id(),
                new EventDeliveries.NewSubscription(endpoint, eventTypes))));
    }

    public Uni<List<EventDeliveries.Subscription>> subscriptions(String poolId) {
        return pools.require(db, poolId).chain(pool -> fromRunner(runner.eventSubscriptions(pool.id())))
                .map(EventDeliveries.Subscriptions::subscriptions);
    }

    public Uni<Void> unsubscribe(String poolId, String id) {
        return pools.require(db, poolId).chain(pool -> fromRunner(runner.deleteEventSubscription(pool.id(), id)));
    }

    private static <T> Uni<T> fromRunner(Uni<T> call) {
        return TriggerRunnerCalls.bounded(call, WAIT, "an administration request", refused -> switch (refused.getResponse().getStatus()) {
            case 400 -> CognitoException.invalidParameter(messageOf(refused));
            case 404 -> CognitoException.resourceNotFound(messageOf(refused));
            default -> null;
        });
    }

    private static String messageOf(WebApplicationException refused) {
        try {
            EventDeliveries.Error error = refused.getResponse().readEntity(EventDeliveries.Error.class);
            return error == null || error.message() == null ? "Refused by trigger-runner." : error.message();
        } catch (RuntimeException e) {
            return "Refused by trigger-runner.";
        }
    }
}
