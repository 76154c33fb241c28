package dev.cognate.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's log settings, prefix {@code cognate.log}; a misspelt key under it fails the start. */
@ConfigMapping(prefix = "cognate.log")
public interface LogConfig {

    /** One JSON object per console line ({@link JsonConsoleLog}) instead of text; environment {@code COGNATE_LOG_JSON}. */
    @WithDefault("false")
    boolean json();
}
