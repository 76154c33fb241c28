package dev.cognate.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The trigger scenarios' function: the JDK's HTTP server on loopback, in the harness's JVM, answering every trigger call
 * at once as a PreTokenGeneration V1_0 Lambda that adds one claim ({@value #CLAIM} = {@value #CLAIM_VALUE}) would.
 * It does next to no work (no signature check either), so the figures are what Cognate's own side of a trigger costs:
 * building the event, signing, the HTTP call, reading the answer.
 */
final class LoopbackFunction implements AutoCloseable {

    static final String CLAIM = "load_claim";
    static final String CLAIM_VALUE = "added-by-the-trigger";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final LongAdder calls = new LongAdder();

    private LoopbackFunction(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static LoopbackFunction start(int threads) {
        // The JDK's server writes the status line and headers, then the body, as separate segments; without TCP_NODELAY
        // Nagle holds the body until the client's delayed ACK (~40 ms on Linux), so every call would measure that wait
        // instead of Cognate (a p50 of 49 ms instead of 2.4 ms for trigger-invoke). Read once, before the first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "loopback-function");
                thread.setDaemon(true);
                return thread;
            });
            LoopbackFunction function = new LoopbackFunction(server, executor);
            server.createContext("/trigger", exchange -> {
                try (exchange) {
                    ObjectNode event = (ObjectNode) JSON.readTree(exchange.getRequestBody());
                    event.putObject("response").putObject("claimsOverrideDetails").putObject("claimsToAddOrOverride").put(CLAIM, CLAIM_VALUE);
                    byte[] answer = JSON.writeValueAsBytes(event);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, answer.length);
                    try (OutputStream body = exchange.getResponseBody()) {
                        body.write(answer);
                    }
                    function.calls.increment();
                }
            });
            server.setExecutor(executor);
            server.start();
            return function;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the loopback function", e);
        }
    }

    /** The URL to put in LambdaConfig or a trigger invocation: {@code http://127.0.0.1:<port>/trigger}. */
    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/trigger";
    }

    long calls() {
        return calls.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
