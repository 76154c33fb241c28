package dev.cognate.hostedui.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in for user-pool-service's internal API on a JDK HTTP server (port 0), until user-pool-service serves
 * {@code GET /internal/v1/clients/{clientId}}: {@link #KNOWN_CLIENT} exists, {@link #FAILING_CLIENT} answers 500,
 * every other id 404. Points {@code quarkus.rest-client.user-pool.url} at itself.
 */
public class FakeUserPool implements QuarkusTestResourceLifecycleManager {

    public static final String KNOWN_CLIENT = "1example23456789abcdefghij";
    public static final String FAILING_CLIENT = "failingclient";
    public static final String CALLBACK_URL = "https://app.example.com/callback";

    private static final String PREFIX = "/internal/v1/clients/";
    private static final String KNOWN_CLIENT_JSON = """
            {"clientId":"%s","userPoolId":"us-east-1_AbCdEfGh1","clientName":"demo app",
             "callbackUrls":["%s"],"logoutUrls":["https://app.example.com/"],
             "allowedOAuthFlows":["code"],"allowedOAuthScopes":["openid","email"],
             "supportedIdentityProviders":["COGNITO"],"someFutureField":true}
            """.formatted(KNOWN_CLIENT, CALLBACK_URL);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", FakeUserPool::answer);
        server.start();
        return Map.of("quarkus.rest-client.user-pool.url",
                "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"GET".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX)) {
            send(exchange, 404, "text/plain", "no such route");
        } else if (path.equals(PREFIX + KNOWN_CLIENT)) {
            send(exchange, 200, "application/json", KNOWN_CLIENT_JSON);
        } else if (path.equals(PREFIX + FAILING_CLIENT)) {
            send(exchange, 500, "application/json", "{\"message\":\"database is down\"}");
        } else {
            send(exchange, 404, "application/json", "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such client\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
