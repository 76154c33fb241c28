package dev.cognate.userpool.trigger;

import dev.cognate.awsprotocol.CognitoException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;

/**
 * The operator actions' calls to trigger-runner's internal API, bounded the same way: no answer within {@code wait},
 * or any failure that is not a refusal the caller maps to a Cognito error, is logged once and becomes
 * {@code InternalErrorException} (the operator sees trigger-runner's trouble, not its internals).
 */
final class TriggerRunnerCalls {

    private static final Logger LOG = Logger.getLogger(TriggerRunnerCalls.class);

    private TriggerRunnerCalls() {
    }

    /**
     * @param what     what was asked, for the log ("a webhook secret request")
     * @param refusals trigger-runner's refusal (a 4xx answer) as the Cognito error to answer, or {@code null} when it is
     *                 not one the caller expects
     */
    static <T> Uni<T> bounded(Uni<T> call, Duration wait, String what, Function<WebApplicationException, CognitoException> refusals) {
        return call.ifNoItem().after(wait).fail()
                .onFailure().transform(failure -> {
                    if (failure instanceof WebApplicationException refused && refused.getResponse() != null) {
                        CognitoException mapped = refusals.apply(refused);
                        if (mapped != null) {
                            return mapped;
                        }
                    }
                    LOG.warnf("trigger-runner did not answer %s: %s", what, failure.toString());
                    return CognitoException.internalError();
                });
    }
}
