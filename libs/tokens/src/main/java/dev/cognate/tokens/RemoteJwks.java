package dev.cognate.tokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * An issuer's {@code jwks_uri} fetched with the JDK's non-blocking HTTP client (no event loop is held while it
 * loads): {@code GET} with {@code Accept: application/json}, a time limit, redirects not followed, 200 only, at most
 * {@link #MAX_BYTES}. Use {@link #source} for a cached, rate-limited key source (a federated IdP, Google, Apple), or
 * {@link #loader} as the loader of a {@link CachingJwksSource} of one's own.
 */
public final class RemoteJwks {

    /** A JWKS is a few kilobytes; anything much larger is not one. */
    public static final int MAX_BYTES = 512 * 1024;

    private RemoteJwks() {
    }

    /** A cached source of {@code jwksUri}'s keys: {@code ttl}, and at most one fetch per {@code minimumInterval}. */
    public static CachingJwksSource source(HttpClient http, URI jwksUri, Duration timeout, Duration ttl, Duration minimumInterval,
                                           Clock clock) {
        return new CachingJwksSource(loader(http, jwksUri, timeout), ttl, minimumInterval, clock);
    }

    /** One fetch of {@code jwksUri} per call; the stage fails with an {@link IOException} naming what went wrong. */
    public static Supplier<CompletionStage<PublicKeys>> loader(HttpClient http, URI jwksUri, Duration timeout) {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(timeout, "timeout");
        HttpRequest request = HttpRequest.newBuilder(jwksUri).timeout(timeout).header("Accept", "application/json").GET().build();
        return () -> http.sendAsync(request, response -> response.statusCode() == 200 ? new Limited(MAX_BYTES)
                        : HttpResponse.BodySubscribers.replacing(null))
                .thenCompose(response -> {
                    if (response.statusCode() != 200 || response.body() == null) {
                        return CompletableFuture.failedFuture(new IOException("GET " + jwksUri + " answered " + response.statusCode()));
                    }
                    return Json.object(response.body())
                            .<CompletionStage<PublicKeys>>map(document -> CompletableFuture.completedFuture(PublicKeys.parse(document)))
                            .orElseGet(() -> CompletableFuture.failedFuture(new IOException("GET " + jwksUri + " is not a JSON object")));
                });
    }

    /** The body as bytes, refused (and the stream cancelled) beyond {@code limit}. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {

        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final int limit;
        private long received;
        private Flow.Subscription subscription;

        Limited(int limit) {
            this.limit = limit;
            bytes.getBody().whenComplete((value, failure) -> {
                if (failure != null) {
                    body.completeExceptionally(failure);
                } else {
                    body.complete(value);
                }
            });
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            bytes.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            for (ByteBuffer buffer : item) {
                received += buffer.remaining();
            }
            if (received > limit) {
                subscription.cancel();
                body.completeExceptionally(new IOException("a JWKS larger than " + limit + " bytes"));
                return;
            }
            bytes.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            bytes.onError(throwable);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
        }
    }
}
