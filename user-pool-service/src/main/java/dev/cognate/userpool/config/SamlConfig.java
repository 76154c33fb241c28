package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** SAML 2.0 federation ({@code federation/saml}), prefix {@code cognate.federation.saml}. */
@ConfigMapping(prefix = "cognate.federation.saml")
public interface SamlConfig {

    /** The connect and whole-request time limit of fetching a provider's {@code MetadataURL}. */
    @WithDefault("5s")
    Duration metadataTimeout();

    /** How long a fetched metadata document is used before it is fetched again. */
    @WithDefault("10m")
    Duration metadataCacheTtl();
}
