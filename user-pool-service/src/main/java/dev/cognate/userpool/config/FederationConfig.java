package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Federated sign-in through OpenID Connect and the social providers ({@code federation/oidc}), prefix
 * {@code cognate.federation}.
 */
@ConfigMapping(prefix = "cognate.federation")
public interface FederationConfig {

    /**
     * Whether an identity provider's {@code oidc_issuer}, endpoint URLs (and a SAML {@code MetadataURL}) may be plain
     * {@code http://} on this machine ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}): for the local stack and tests,
     * where the upstream provider runs next to Cognate. Off, every such URL must be {@code https://}, as in Cognito.
     */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /**
     * Networks (CIDR blocks or single addresses, comma separated) whose private addresses Cognate may call at an
     * identity provider, for installations whose IdP lives on a private network; empty by default. Loopback, private,
     * link-local, multicast, unspecified and reserved addresses are refused otherwise; link-local and cloud metadata
     * addresses only by a block lying wholly inside their range ({@code federation/egress/ProviderEgress}).
     */
    Optional<List<String>> allowedPrivateNetworks();

    /**
     * How long a started federated sign-in waits for the provider's answer ({@code state} in Redis); past it the
     * callback is refused and the user starts again.
     */
    @WithDefault("PT10M")
    Duration stateTtl();

    /** The time limit of each call to a provider (discovery, JWKS, token, userInfo/profile). */
    @WithDefault("PT10S")
    Duration httpTimeout();

    /** How long an OIDC provider's discovery document and its JWKS are kept before they are fetched again. */
    @WithDefault("PT1H")
    Duration metadataTtl();

    /** Google's endpoints (OpenID Connect at {@code accounts.google.com} unless overridden). */
    Endpoints google();

    /** Facebook's endpoints (the dialog, the Graph API's token and {@code /me}; {@code api_version} picks the version). */
    Endpoints facebook();

    /** Login with Amazon's endpoints (the authorization page, the token endpoint and the profile API). */
    Endpoints amazon();

    /** Sign in with Apple's endpoints ({@code appleid.apple.com}); {@code issuer} is also the JWT client secret's {@code aud}. */
    Endpoints apple();

    /**
     * A social provider's endpoints, each replacing the public default when set: so tests and private installations
     * point a provider at a local or internal server.
     */
    interface Endpoints {

        Optional<String> authorizeUrl();

        Optional<String> tokenUrl();

        /** The userInfo (Google), Graph {@code /me} (Facebook) or profile (Amazon) endpoint. */
        Optional<String> userinfoUrl();

        Optional<String> jwksUri();

        /** The {@code iss} of the provider's ID tokens (Google, Apple). */
        Optional<String> issuer();
    }
}
