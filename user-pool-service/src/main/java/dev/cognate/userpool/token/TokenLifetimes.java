package dev.cognate.userpool.token;

import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.ClientSettings;

import java.time.Duration;

/**
 * How long a client's tokens live: {@code AccessTokenValidity}, {@code IdTokenValidity} and {@code RefreshTokenValidity}
 * in the units of {@code TokenValidityUnits} (Cognito's defaults: 60 minutes, 60 minutes, 30 days).
 */
public record TokenLifetimes(Duration accessToken, Duration idToken, Duration refreshToken) {

    /** Tolerated difference between clocks when checking a token's times. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public static TokenLifetimes of(AppClient client) {
        ClientSettings settings = client.config();
        return new TokenLifetimes(settings.accessTokenValidity(), settings.idTokenValidity(), settings.refreshTokenValidity());
    }
}
