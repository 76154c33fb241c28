package dev.cognate.triggers.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cognate.events.EventJson;
import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.domain.DeliveryFailedException;
import dev.cognate.triggers.domain.OutgoingMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Text messages through the operator's SMS gateway ({@code cognate.delivery.sms.webhook-url}): one
 * {@code POST} of {@code {"to", "message", "userPoolId", "purpose"}} per message, with the event id as
 * {@code Idempotency-Key} so a gateway can drop the rare resend. 2xx is delivered; 5xx, 429, timeouts and
 * connection failures are tried again; any other answer, or no gateway configured, is permanent.
 *
 * <p>The JDK client sends asynchronously on its own threads, never on the event loop. The URL is the operator's
 * own configuration, not a pool's, so the egress guard of pool webhooks does not apply.
 */
@ApplicationScoped
public class SmsWebhookSender {

    private final Optional<URI> gateway;
    private final Duration timeout;
    private final HttpClient client;

    public SmsWebhookSender(TriggerRunnerConfig config) {
        this.gateway = config.delivery().sms().webhookUrl();
        this.timeout = config.delivery().sms().timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Uni<Void> send(OutgoingMessage message) {
        if (gateway.isEmpty()) {
            return Uni.createFrom().failure(DeliveryFailedException.permanent(
                    "no SMS gateway configured (cognate.delivery.sms.webhook-url)", null));
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(gateway.get())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", message.eventId())
                    .POST(HttpRequest.BodyPublishers.ofString(body(message)))
                    .build();
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return Uni.createFrom().failure(DeliveryFailedException.permanent("cannot build the SMS gateway request: " + e.getMessage(), e));
        }
        return Uni.createFrom().completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .onFailure().transform(failure -> DeliveryFailedException.transientFailure("SMS gateway unreachable: " + failure, failure))
                .invoke(response -> {
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        return;
                    }
                    String failure = "SMS gateway answered HTTP " + status;
                    throw status / 100 == 5 || status == 429
                            ? DeliveryFailedException.transientFailure(failure, null)
                            : DeliveryFailedException.permanent(failure, null);
                })
                .replaceWithVoid();
    }

    private static String body(OutgoingMessage message) throws JsonProcessingException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("to", message.destination());
        body.put("message", message.text());
        body.put("userPoolId", message.userPoolId());
        body.put("purpose", message.purpose());
        return EventJson.MAPPER.writeValueAsString(body);
    }
}
