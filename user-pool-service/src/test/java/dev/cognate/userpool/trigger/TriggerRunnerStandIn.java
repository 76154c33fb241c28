package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.internalapi.TriggerInvocation;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * trigger-runner's internal invoke API as user-pool-service's tests see it: a real HTTP server (the JDK's) on
 * {@code test.triggers.runner-port} ({@link TriggerRunnerPort}; a trigger test runs it around its class with
 * {@code @ExtendWith(TriggerRunnerStandIn.Running.class)}, declared after {@code @QuarkusTest} so the application's
 * configuration is there first) that reads the contract's {@link TriggerInvocation.Request} and answers the
 * {@link TriggerInvocation.Result} a test's function gives, so user-pool-service's events, its handling of each outcome
 * and its timeouts are tested through its real REST client. What trigger-runner itself does with the call (signing,
 * egress guard, the HTTP call to the function) is tested in trigger-runner ({@code TriggerInvokeTest}) against the
 * same contract. Without a function set, every call answers NO_ANSWER. It also keeps a webhook secret per pool, read
 * and rotated on the contract's routes, serves the invocation logs a test sets ({@link InvocationLogs}), and answers the
 * dead-letter and event-subscription routes ({@link EventDeliveriesStandIn}).
 */
public final class TriggerRunnerStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<TriggerInvocation.Request> CALLS = new CopyOnWriteArrayList<>();
    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    private static volatile Function<JsonNode, TriggerInvocation.Result> function = event ->
            TriggerInvocation.Result.failed(TriggerInvocation.Outcome.NO_ANSWER, "NoFunction", "no function set by the test");
    private static volatile Duration delay = Duration.ZERO;
    private static HttpServer server;

    private TriggerRunnerStandIn() {
    }

    /** Starts the stand-in before a test class's tests and stops it after them. */
    public static final class Running implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            start();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            stop();
        }
    }

    public static void start() {
        int port = ConfigProvider.getConfig().getValue("test.triggers.runner-port", Integer.class);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(InternalRoutes.TRIGGERS + InternalRoutes.TRIGGER_INVOKE, exchange -> {
            TriggerInvocation.Request request = JSON.readValue(exchange.getRequestBody(), TriggerInvocation.Request.class);
            CALLS.add(request);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = JSON.writeValueAsString(function.apply(request.event())).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // The pools' webhook secrets: one per pool, a new one on POST (rotation), as trigger-runner keeps them; and
        // their invocation logs (GET .../invocations), as a test set them.
        server.createContext(InternalRoutes.TRIGGERS + "/user-pools/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.contains("/dead-letters") || path.contains("/event-subscriptions")) {
                EventDeliveriesStandIn.handle(exchange);
                return;
            }
            if (path.endsWith("/invocations")) {
                InvocationLogs.answer(exchange);
                return;
            }
            String poolId = path.substring((InternalRoutes.TRIGGERS + "/user-pools/").length(), path.lastIndexOf('/'));
            String secret = "POST".equals(exchange.getRequestMethod())
                    ? SECRETS.compute(poolId, (id, old) -> "whsec_" + java.util.UUID.randomUUID())
                    : SECRETS.computeIfAbsent(poolId, id -> "whsec_" + java.util.UUID.randomUUID());
            byte[] body = JSON.writeValueAsString(new TriggerInvocation.WebhookSecret(poolId, secret)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The test's function: gets the event, answers as trigger-runner would after calling it. Clears the calls seen. */
    public static void answerWith(Function<JsonNode, TriggerInvocation.Result> answer) {
        CALLS.clear();
        delay = Duration.ZERO;
        function = answer;
    }

    /** trigger-runner itself is slow to answer (e.g. longer than user-pool-service waits). */
    public static void delayAnswers(Duration by) {
        delay = by;
    }

    public static List<TriggerInvocation.Request> calls() {
        return List.copyOf(CALLS);
    }
}
