package dev.cognate.outbox.consumer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerSettingsTest {

    private final ConsumerSettings settings = new ConsumerSettings("trigger-runner", 5, Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void doublesTheBackOffAfterEachFailureUpToTheMaximum() {
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(settings.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff(1_000)).as("a long outage neither overflows nor waits longer").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void takesTheChannelsSettingsOrTheDefaults() {
        ConsumersConfig.Channel fast = new ConsumersConfig.Channel() {
            public int maxAttempts() {
                return 3;
            }

            public Duration initialBackoff() {
                return Duration.ofMillis(100);
            }

            public Duration maxBackoff() {
                return Duration.ofSeconds(1);
            }
        };
        ConsumersConfig config = () -> java.util.Map.of("messages", fast);

        assertThat(ConsumerSettings.of("trigger-runner", config, "messages"))
                .isEqualTo(new ConsumerSettings("trigger-runner", 3, Duration.ofMillis(100), Duration.ofSeconds(1)));
        assertThat(ConsumerSettings.of("trigger-runner", config, "other"))
                .isEqualTo(new ConsumerSettings("trigger-runner", 5, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new ConsumerSettings("c", 0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new ConsumerSettings("c", 1, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial-backoff");
        assertThatThrownBy(() -> new ConsumerSettings("c", 1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-backoff");
        assertThatThrownBy(() -> new ConsumerSettings(" ", 1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quarkus.application.name");
    }
}
