package dev.cognate.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Cognito IdP (or Cognito Identity) JSON endpoint that answers only the actions a test registers; every other
 * action gets {@code UnknownOperationException}, as an unfinished service does.
 */
final class FakeCognito implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, String body) {

        static Reply ok(String body) {
            return new Reply(200, body);
        }

        static Reply error(String type, String message) {
            return new Reply(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }
    }

    record Call(String action, JsonNode request) {
    }

    private final HttpServer server;
    private final Map<String, Function<JsonNode, Reply>> actions = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    FakeCognito() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    FakeCognito on(String action, Function<JsonNode, Reply> handler) {
        actions.put(action, handler);
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<String> actionsCalled() {
        return calls.stream().map(Call::action).toList();
    }

    JsonNode lastRequest(String action) {
        return calls.stream().filter(call -> call.action().equals(action)).reduce((first, second) -> second)
                .map(Call::request).orElseThrow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String action = target.substring(target.indexOf('.') + 1); // either API: AWSCognitoIdentity[Provider]Service.<Action>
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        calls.add(new Call(action, request));
        Function<JsonNode, Reply> handler = actions.get(action);
        Reply reply = handler != null ? handler.apply(request)
                : Reply.error("UnknownOperationException", "Unknown operation " + target);
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "test");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
