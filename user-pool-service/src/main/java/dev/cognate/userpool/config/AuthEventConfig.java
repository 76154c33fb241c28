package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The authentication events store (AdminListUserAuthEvents), prefix {@code cognate.auth-events}. */
@ConfigMapping(prefix = "cognate.auth-events")
public interface AuthEventConfig {

    /** How long an authentication event is kept; the hourly purge deletes older ones. */
    @WithDefault("P90D")
    Duration retention();
}
