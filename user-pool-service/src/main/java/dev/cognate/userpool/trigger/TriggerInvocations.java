package dev.cognate.userpool.trigger;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.TriggerInvocationLog;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;

/**
 * A pool's trigger invocation log, which trigger-runner keeps: read page by page through its internal API, for the
 * operator action. The pool must exist here; a token trigger-runner refuses is the caller's error.
 */
@ApplicationScoped
public class TriggerInvocations {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool db;
    private final UserPoolRepository pools;
    private final TriggerRunnerClient runner;

    public TriggerInvocations(Pool db, UserPoolRepository pools, @RestClient TriggerRunnerClient runner) {
        this.db = db;
        this.pools = pools;
        this.runner = runner;
    }

    public Uni<TriggerInvocationLog.Page> page(String poolId, String trigger, int maxResults, String nextToken) {
        return pools.require(db, poolId).chain(pool -> TriggerRunnerCalls.bounded(
                runner.invocations(pool.id(), trigger, maxResults, nextToken), WAIT, "an invocation log request",
                refused -> refused.getResponse().getStatus() == 400 ? CognitoException.invalidParameter("NextToken is invalid.") : null));
    }
}
