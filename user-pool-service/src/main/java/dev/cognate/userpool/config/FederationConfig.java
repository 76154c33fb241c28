package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Federated sign-in, prefix {@code cognate.federation}: what the OIDC/social engine and the SAML engine share.
 */
@ConfigMapping(prefix = "cognate.federation")
public interface FederationConfig {

    /**
     * Whether an identity provider's URLs (a SAML {@code MetadataURL}, an OIDC issuer) may be plain {@code http://} to a
     * loopback host, and resolve to loopback addresses: for the local stack and tests, where the upstream provider runs
     * next to Cognate. Off, every such URL must be {@code https://} to a public address, as in Cognito.
     */
    @WithDefault("false")
    boolean allowLoopbackHttp();
}
