package dev.cognate.outbox.consumer;

import java.time.Duration;

/**
 * How one consumer retries, from {@code cognate.consumers.<channel>.*}.
 *
 * @param name           the consumer's name in {@code processed_events}: the service's name
 *                       ({@code quarkus.application.name}), which is also its Kafka consumer group. Keep it stable:
 *                       a new name applies again every event still on the topic.
 * @param maxAttempts    attempts of an event whose application fails before it is dead-lettered
 * @param initialBackoff the wait after the first failed attempt; it doubles after each further one
 * @param maxBackoff     the longest wait between attempts
 */
public record ConsumerSettings(String name, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final String PREFIX = "cognate.consumers.";
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    public ConsumerSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a consumer needs a name (quarkus.application.name)");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("initial-backoff must be positive and max-backoff at least as long, got "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    /**
     * The settings of {@code channel} in {@code config} ({@code cognate.consumers.<channel>.max-attempts},
     * {@code .initial-backoff}, {@code .max-backoff}), the defaults when it has none.
     */
    public static ConsumerSettings of(String name, ConsumersConfig config, String channel) {
        ConsumersConfig.Channel settings = config.channels().get(channel);
        if (settings == null) {
            return new ConsumerSettings(name, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
        }
        try {
            return new ConsumerSettings(name, settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + channel + ".*: " + e.getMessage(), e);
        }
    }

    /** The wait after the {@code failures}-th failure in a row: initial × 2^(failures-1), at most the maximum. */
    public Duration backoff(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
