package dev.cognate.userpool.trigger;

import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;

/**
 * A pool's Standard Webhooks secret, which trigger-runner keeps and signs its trigger calls with: read (made on first
 * use) or rotated through trigger-runner's internal API, for the operator actions. The pool must exist here.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool db;
    private final UserPoolRepository pools;
    private final TriggerRunnerClient runner;

    public WebhookSecrets(Pool db, UserPoolRepository pools, @RestClient TriggerRunnerClient runner) {
        this.db = db;
        this.pools = pools;
        this.runner = runner;
    }

    public Uni<String> secret(String poolId) {
        return pools.require(db, poolId).chain(pool -> fromRunner(runner.webhookSecret(pool.id())));
    }

    public Uni<String> rotate(String poolId) {
        return pools.require(db, poolId).chain(pool -> fromRunner(runner.rotateWebhookSecret(pool.id())));
    }

    private static Uni<String> fromRunner(Uni<TriggerInvocation.WebhookSecret> call) {
        return TriggerRunnerCalls.bounded(call, WAIT, "a webhook secret request", refused -> null)
                .map(TriggerInvocation.WebhookSecret::secret);
    }
}
