package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.internalapi.TriggerInvocationLog;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * trigger-runner's invocation log route ({@link InternalRoutes#TRIGGER_INVOCATIONS}) in {@link TriggerRunnerStandIn}:
 * the entries a test sets per pool (newest first), filtered by {@code trigger} and paged by {@code maxResults} with a
 * token {@code page:<index>}; any other token is refused 400 as trigger-runner refuses a foreign one. What
 * trigger-runner itself logs and how it pages is tested there ({@code InvocationLogTest}); the queries received are kept.
 */
public final class InvocationLogs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<TriggerInvocationLog.Entry>> LOGS = new ConcurrentHashMap<>();
    private static final List<Map<String, String>> QUERIES = new CopyOnWriteArrayList<>();

    private InvocationLogs() {
    }

    /** The pool's log, newest first. */
    public static void set(String poolId, List<TriggerInvocationLog.Entry> entries) {
        LOGS.put(poolId, List.copyOf(entries));
    }

    /** The query parameters of every request received, in order. */
    public static List<Map<String, String>> queries() {
        return List.copyOf(QUERIES);
    }

    static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String poolId = path.substring((InternalRoutes.TRIGGERS + "/user-pools/").length(), path.lastIndexOf('/'));
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        QUERIES.add(query);
        int from = 0;
        String token = query.get("nextToken");
        if (token != null) {
            if (!token.startsWith("page:")) {
                reply(exchange, 400, new TriggerInvocationLog.Error("nextToken is not a token this API returned"));
                return;
            }
            from = Integer.parseInt(token.substring("page:".length()));
        }
        int max = Integer.parseInt(query.getOrDefault("maxResults", "60"));
        List<TriggerInvocationLog.Entry> matching = new ArrayList<>(LOGS.getOrDefault(poolId, List.of()).stream()
                .filter(entry -> query.get("trigger") == null || entry.trigger().equals(query.get("trigger"))).toList());
        int to = Math.min(matching.size(), from + max);
        reply(exchange, 200, new TriggerInvocationLog.Page(matching.subList(Math.min(from, to), to),
                to < matching.size() ? "page:" + to : null));
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
