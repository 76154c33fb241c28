package dev.cognate.userpool.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.userpool.domain.AppClient;

import java.time.Duration;

/**
 * How long a client's tokens live: {@code AccessTokenValidity}, {@code IdTokenValidity} and {@code RefreshTokenValidity}
 * in the units of {@code TokenValidityUnits} (Cognito's defaults: 60 minutes, 60 minutes, 30 days).
 */
public record TokenLifetimes(Duration accessToken, Duration idToken, Duration refreshToken) {

    /** Tolerated difference between clocks when checking a token's times. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public static TokenLifetimes of(AppClient client) {
        JsonNode settings = client.settings();
        JsonNode units = settings.path("TokenValidityUnits");
        return new TokenLifetimes(
                duration(settings.path("AccessTokenValidity"), units.path("AccessToken").asText("minutes"), 60, "minutes"),
                duration(settings.path("IdTokenValidity"), units.path("IdToken").asText("minutes"), 60, "minutes"),
                duration(settings.path("RefreshTokenValidity"), units.path("RefreshToken").asText("days"), 30, "days"));
    }

    private static Duration duration(JsonNode value, String unit, long defaultValue, String defaultUnit) {
        long amount = value.isNumber() ? value.asLong() : defaultValue;
        String in = value.isNumber() ? unit : defaultUnit;
        return switch (in) {
            case "seconds" -> Duration.ofSeconds(amount);
            case "minutes" -> Duration.ofMinutes(amount);
            case "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
