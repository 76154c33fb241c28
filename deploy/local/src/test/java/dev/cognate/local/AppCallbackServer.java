package dev.cognate.local;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;

/**
 * The relying parties' web side in a test: an HTTP server on a free loopback port that answers every GET with a
 * plain page and remembers the URLs the browser was redirected to (callbacks with their {@code code}, {@code state},
 * {@code iss} or {@code error}).
 */
final class AppCallbackServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private AppCallbackServer(HttpServer server) {
        this.server = server;
    }

    static AppCallbackServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AppCallbackServer apps = new AppCallbackServer(server);
            server.createContext("/", exchange -> {
                apps.requests.add(apps.url(exchange.getRequestURI().toString()));
                byte[] body = "app".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return apps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://localhost:<port><path>}: Cognito accepts http callback URLs only on localhost. */
    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    /** The first request to {@code url} (with any query string), removed from the list so the next wait sees the next one. */
    String awaitRequest(String url, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> requests.stream().anyMatch(request -> matches(request, url)));
        String found = requests.stream().filter(request -> matches(request, url)).findFirst().orElseThrow();
        requests.remove(found);
        return found;
    }

    private static boolean matches(String request, String url) {
        return request.equals(url) || request.startsWith(url + "?");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
