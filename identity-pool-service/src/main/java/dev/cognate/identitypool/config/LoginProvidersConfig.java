package dev.cognate.identitypool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the public login providers of {@code SupportedLoginProviders} and the OpenID Connect providers of
 * {@code OpenIdConnectProviderARNs} are reached (prefix {@code cognate.login-providers}). The defaults are the providers'
 * real public URLs; tests and private installations point them at a local provider. The issuers a token must name are
 * fixed by the provider (Google's, Apple's), not by these URLs.
 */
@ConfigMapping(prefix = "cognate.login-providers")
public interface LoginProvidersConfig {

    /** Google's JWKS ({@code accounts.google.com} ID tokens). */
    @WithDefault("https://www.googleapis.com/oauth2/v3/certs")
    String googleJwksUrl();

    /** Apple's JWKS ({@code appleid.apple.com} ID tokens). */
    @WithDefault("https://appleid.apple.com/auth/keys")
    String appleJwksUrl();

    /** The Graph API base ({@code graph.facebook.com} access tokens: {@code /app} and {@code /me}). */
    @WithDefault("https://graph.facebook.com")
    String facebookGraphUrl();

    /** Login with Amazon's API base ({@code www.amazon.com} access tokens: {@code /auth/o2/tokeninfo} and {@code /user/profile}). */
    @WithDefault("https://api.amazon.com")
    String amazonApiUrl();

    /**
     * The scheme an OpenID Connect provider's issuer is reached with: the ARN names only host and path
     * ({@code arn:aws:iam::<account>:oidc-provider/<host/path>}) and IAM requires https; tests set {@code http}.
     */
    @WithDefault("https")
    String oidcScheme();

    /**
     * IAM's {@code ClientIDList} of each OpenID Connect provider, which Cognito checks a token's {@code aud} against:
     * {@code <host/path>=<client id>} entries, comma separated, one per client id. A provider with no entry accepts no
     * token ({@code Incorrect token audience}), as an IAM provider with an empty list.
     */
    Optional<List<String>> oidcClientIds();

    /** Time limit of one call to a provider's user-info API (Facebook, Amazon). */
    @WithDefault("PT5S")
    Duration requestTimeout();
}
