package dev.cognate.triggers.delivery;

import dev.cognate.events.MessageEvents.CustomSender;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.triggers.domain.DeliveryFailedException;
import dev.cognate.triggers.domain.DeliveryRequest;
import dev.cognate.triggers.invoke.WebhookInvoker;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;

/**
 * Hands a message to the pool's custom sender ({@code CustomEmailSender} / {@code CustomSMSSender}) instead of
 * delivering it: POSTs the Cognito event user-pool-service built (the code inside already encrypted to the operator's
 * key) as a signed webhook through {@link WebhookInvoker}, as Cognito invokes the Lambda function asynchronously. The
 * answer's content is ignored, as an asynchronous invocation's is: any 2xx hands the message over.
 *
 * <p>Like an asynchronous Lambda invocation, a function error (non-2xx) or no answer (timeout, unreachable) is tried
 * again, by the consumer's back-off; a target that can never be called (an unmapped Lambda ARN, a URL the egress guard
 * refuses, not a URL) fails for good and is dead-lettered at once.
 */
@ApplicationScoped
public class CustomSenderInvoker {

    private static final Logger LOG = Logger.getLogger(CustomSenderInvoker.class);
    /** {@link WebhookInvoker}'s reasons for not calling at all: no retry can change them. */
    private static final Set<String> NEVER_CALLABLE = Set.of("InvalidInvocation", "LambdaNotSupported", "InvalidTarget", "EgressRefused");
    /** A 2xx whose body is not an event: a custom sender returns nothing, so this is a handed-over message. */
    private static final String ANSWER_NOT_AN_EVENT = "InvalidAnswer";

    private final WebhookInvoker invoker;
    private final Duration timeout;

    public CustomSenderInvoker(WebhookInvoker invoker,
                               @ConfigProperty(name = "cognate.delivery.custom-sender.timeout", defaultValue = "5s") Duration timeout) {
        this.invoker = invoker;
        this.timeout = timeout;
    }

    public Uni<Void> send(DeliveryRequest request) {
        CustomSender sender = request.data().customSender();
        TriggerInvocation.Request call = new TriggerInvocation.Request(request.userPoolId(), sender.trigger(), sender.target(),
                timeout.toMillis(), sender.event());
        // WebhookInvoker blocks (it waits for the function): off the event loop.
        return Uni.createFrom().item(() -> invoker.invoke(call))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(result -> handedOver(request, sender, result))
                .replaceWithVoid();
    }

    /** Returns when the function took the message; throws {@link DeliveryFailedException} otherwise. */
    static void handedOver(DeliveryRequest request, CustomSender sender, TriggerInvocation.Result result) {
        Outcome outcome = result == null || result.outcome() == null ? Outcome.NO_ANSWER : result.outcome();
        if (outcome == Outcome.ANSWERED || outcome == Outcome.INVALID_RESPONSE && ANSWER_NOT_AN_EVENT.equals(result.errorType())) {
            return;
        }
        String reason = result == null ? "no result" : result.errorType() + ": " + result.errorMessage();
        String message = sender.trigger() + " of " + request.userPoolId() + " did not take " + request + " (" + reason + ")";
        switch (outcome) {
            case FUNCTION_ERROR -> throw DeliveryFailedException.transientFailure(message, null);
            case NO_ANSWER -> {
                if (result != null && NEVER_CALLABLE.contains(result.errorType())) {
                    throw DeliveryFailedException.permanent(message, null);
                }
                throw DeliveryFailedException.transientFailure(message, null);
            }
            default -> {
                // An answer too large to read: the function ran, but whether it took the message is unknown; sending
                // the code again could send it twice, so the operator decides (dead letter).
                LOG.warnf("%s", message);
                throw DeliveryFailedException.permanent(message, null);
            }
        }
    }
}
