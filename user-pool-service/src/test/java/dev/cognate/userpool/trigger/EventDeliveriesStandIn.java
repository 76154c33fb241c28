package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.cognate.internalapi.EventDeliveries;
import dev.cognate.internalapi.InternalRoutes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * trigger-runner's dead-letter and event-subscription routes as user-pool-service's tests see them (part of
 * {@link TriggerRunnerStandIn}'s server): a test sets a pool's dead letters; a replay of a known one is recorded (204),
 * of an unknown one 404; subscriptions are kept per pool, and an endpoint on 10.x is refused 400 as trigger-runner's
 * egress guard refuses it. What trigger-runner itself does on these routes is tested there ({@code EventDeliveriesTest}).
 */
public final class EventDeliveriesStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<EventDeliveries.DeadLetter>> DEAD_LETTERS = new ConcurrentHashMap<>();
    private static final List<String> REPLAYED = new CopyOnWriteArrayList<>();
    private static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    private static final Map<String, List<EventDeliveries.Subscription>> SUBSCRIPTIONS = new ConcurrentHashMap<>();

    private EventDeliveriesStandIn() {
    }

    public static void deadLetters(String poolId, List<EventDeliveries.DeadLetter> letters) {
        DEAD_LETTERS.put(poolId, new CopyOnWriteArrayList<>(letters));
    }

    /** {@code poolId/id} of every replay asked. */
    public static List<String> replayed() {
        return List.copyOf(REPLAYED);
    }

    /** The query strings of the dead-letter listings asked. */
    public static List<String> queries() {
        return List.copyOf(QUERIES);
    }

    static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring((InternalRoutes.TRIGGERS + "/user-pools/").length());
        String[] parts = path.split("/");
        String poolId = parts[0];
        String method = exchange.getRequestMethod();
        if (parts[1].equals("dead-letters")) {
            if (parts.length == 2 && method.equals("GET")) {
                QUERIES.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
                reply(exchange, 200, new EventDeliveries.DeadLetterPage(DEAD_LETTERS.getOrDefault(poolId, List.of()), null));
                return;
            }
            String id = parts[2];
            boolean known = DEAD_LETTERS.getOrDefault(poolId, List.of()).removeIf(letter -> letter.id().equals(id));
            if (known) {
                REPLAYED.add(poolId + "/" + id);
                reply(exchange, 204, null);
            } else {
                reply(exchange, 404, new EventDeliveries.Error("No dead letter " + id + " in pool " + poolId + "."));
            }
            return;
        }
        List<EventDeliveries.Subscription> subscriptions = SUBSCRIPTIONS.computeIfAbsent(poolId, id -> new CopyOnWriteArrayList<>());
        if (parts.length == 3 && method.equals("DELETE")) {
            boolean removed = subscriptions.removeIf(subscription -> subscription.id().equals(parts[2]));
            reply(exchange, removed ? 204 : 404, removed ? null
                    : new EventDeliveries.Error("No event subscription " + parts[2] + " in pool " + poolId + "."));
        } else if (method.equals("POST")) {
            EventDeliveries.NewSubscription request = JSON.readValue(exchange.getRequestBody(), EventDeliveries.NewSubscription.class);
            if (request.endpoint().contains("//10.")) {
                reply(exchange, 400, new EventDeliveries.Error("Endpoint must be an https URL (http only for the allowed egress hosts)."));
                return;
            }
            EventDeliveries.Subscription created = new EventDeliveries.Subscription(UUID.randomUUID().toString(), poolId,
                    request.endpoint(), request.eventTypes(), 1_700_000_000L);
            subscriptions.add(created);
            reply(exchange, 200, created);
        } else {
            reply(exchange, 200, new EventDeliveries.Subscriptions(List.copyOf(subscriptions)));
        }
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
