package dev.cognate.outbox.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.Map;

/**
 * The retry settings of a service's consumers, {@code cognate.consumers.<channel>.*}, one group per Reactive Messaging
 * channel. A misspelt key fails the start-up, as every {@code cognate.*} key does.
 */
@ConfigMapping(prefix = "cognate.consumers")
public interface ConsumersConfig {

    @WithParentName
    Map<String, Channel> channels();

    interface Channel {
        /** Attempts of an event whose application fails before it is dead-lettered. */
        @WithDefault("5")
        int maxAttempts();

        /** The wait after the first failed attempt; it doubles after each further one, up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }
}
