package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The internal API's own listener ({@code /internal/*}, called by hosted-ui-service): a port apart from the public one,
 * so that only the cluster network reaches it (the public port answers 404 to {@code /internal/*}).
 */
@ConfigMapping(prefix = "cognate.internal-api")
public interface InternalApiConfig {

    /** The port; 0 picks a free one (tests). */
    @WithDefault("8091")
    int port();

    /** The interface it listens on. */
    @WithDefault("0.0.0.0")
    String host();
}
