package dev.cognate.triggers.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.events.EventJson;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP SMS gateway on loopback for the tests: records each {@code POST /sms} (JSON body and
 * {@code Idempotency-Key}) and answers 200, or the statuses queued for a recipient first.
 */
public final class RecordingSmsGateway implements AutoCloseable {

    public record Received(JsonNode body, String idempotencyKey) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<Integer>> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public RecordingSmsGateway(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/sms", exchange -> {
            requests.incrementAndGet();
            JsonNode body = EventJson.MAPPER.readTree(exchange.getRequestBody());
            List<Integer> queue = scripted.getOrDefault(body.path("to").asText(), List.of());
            int status = 200;
            if (!queue.isEmpty()) {
                status = queue.remove(0);
            }
            if (status == 200) {
                received.add(new Received(body, exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next answers to messages for {@code to}, before the gateway answers 200. */
    public void answerFirst(String to, Integer... statuses) {
        scripted.put(to, new CopyOnWriteArrayList<>(statuses));
    }

    public List<Received> receivedFor(String to) {
        return received.stream().filter(message -> message.body().path("to").asText().equals(to)).toList();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
