package dev.cognate.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.tokens.TokenRejectedException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A foreign issuer's JWKS over real HTTP (a JDK server), with ES256 and PS256 keys that rotate. */
class RemoteJwksTest {

    private static final String ISSUER = "http://127.0.0.1/issuer";

    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final HttpClient http = HttpClient.newHttpClient();
    private final MovableClock clock = new MovableClock();
    private HttpServer server;
    private URI jwksUri;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            hits.incrementAndGet();
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        jwksUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String jwks(ObjectNode... keys) {
        var array = Json.MAPPER.createArrayNode();
        for (ObjectNode key : keys) {
            array.add(key);
        }
        return Json.MAPPER.createObjectNode().set("keys", array).toString();
    }

    private ObjectNode claims() {
        long now = clock.instant().getEpochSecond();
        return Json.MAPPER.createObjectNode().put("iss", ISSUER).put("sub", "s").put("aud", "client").put("exp", now + 600)
                .put("iat", now);
    }

    /** The stage's value, or its failure itself (a checked one stays wrapped, so that {@code rootCause()} finds it). */
    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Test
    void verifiesAForeignIssuersRotatingKeysWithBoundedFetches() {
        KeyPair ec = Forge.ec("secp256r1");
        KeyPair rsa = Forge.rsa(2048);
        body.set(jwks(PublicJwk.of("ec-1", SigningAlgorithm.ES256, ec.getPublic())));
        CachingJwksSource keys = RemoteJwks.source(http, jwksUri, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(1),
                clock);
        JwtVerifier verifier = JwtVerifier.allowing(SigningAlgorithm.RS256, SigningAlgorithm.ES256, SigningAlgorithm.PS256);
        ClaimChecks checks = ClaimChecks.issuedBy(ISSUER).audience("client").clock(clock);

        VerifiedJwt first = join(verifier.verify(JwtSigner.of(SigningAlgorithm.ES256, "ec-1", ec.getPrivate()).sign(claims()), keys, checks));
        assertThat(first.algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(hits).hasValue(1);

        // the issuer rotates (a minute later): a PS256 key appears; the first token naming it fetches once more
        clock.advance(Duration.ofMinutes(1));
        body.set(jwks(PublicJwk.of("ec-1", SigningAlgorithm.ES256, ec.getPublic()),
                PublicJwk.of("ps-2", SigningAlgorithm.PS256, rsa.getPublic())));
        String rotated = JwtSigner.of(SigningAlgorithm.PS256, "ps-2", rsa.getPrivate()).sign(claims());
        assertThat(join(verifier.verify(rotated, keys, checks)).kid()).isEqualTo("ps-2");
        assertThat(hits).hasValue(2);

        // forged kids within the interval: refused without a fetch
        for (int i = 0; i < 20; i++) {
            String forged = JwtSigner.of(SigningAlgorithm.PS256, "forged-" + i, rsa.getPrivate()).sign(claims());
            assertThatThrownBy(() -> join(verifier.verify(forged, keys, checks)))
                    .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KID));
        }
        assertThat(join(verifier.verify(rotated, keys, checks)).kid()).isEqualTo("ps-2");
        assertThat(hits).hasValue(2);
    }

    @Test
    void refusesWhatIsNotAJwksAndReportsAnUnreachableOneAsKeysUnavailable() {
        body.set("{\"error\":\"nope\"}");
        status.set(404);
        assertThatThrownBy(() -> join(RemoteJwks.loader(http, jwksUri, Duration.ofSeconds(5)).get()))
                .rootCause().isInstanceOf(IOException.class).hasMessageContaining("answered 404");
        status.set(200);
        body.set("[1,2,3]");
        assertThatThrownBy(() -> join(RemoteJwks.loader(http, jwksUri, Duration.ofSeconds(5)).get()))
                .rootCause().isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
        body.set("{\"keys\":[],\"pad\":\"" + "x".repeat(RemoteJwks.MAX_BYTES) + "\"}");
        assertThatThrownBy(() -> join(RemoteJwks.loader(http, jwksUri, Duration.ofSeconds(5)).get()))
                .rootCause().isInstanceOf(IOException.class).hasMessageContaining("larger than");

        server.stop(0);
        String token = JwtSigner.of(SigningAlgorithm.RS256, "k", Forge.rsa(2048).getPrivate()).sign(claims());
        CachingJwksSource down = RemoteJwks.source(http, jwksUri, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(1),
                clock);
        assertThatThrownBy(() -> join(JwtVerifier.allowing(SigningAlgorithm.RS256).verify(token, down, ClaimChecks.issuedBy(ISSUER).clock(clock))))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEYS_UNAVAILABLE));
    }
}
