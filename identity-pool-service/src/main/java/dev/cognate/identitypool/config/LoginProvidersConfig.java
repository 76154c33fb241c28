package dev.cognate.identitypool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the public login providers of {@code SupportedLoginProviders}, the OpenID Connect providers of
 * {@code OpenIdConnectProviderARNs} and the SAML providers of {@code SamlProviderARNs} are reached (prefix
 * {@code cognate.login-providers}). The defaults are the providers'
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

    /**
     * The SAML providers of {@code SamlProviderARNs}: IAM holds each provider's metadata document (its entity id and
     * signing certificates), which lives in IAM, not in the pool; here {@code <provider ARN>=<path or URL of the IdP's
     * metadata XML>} entries, comma separated ({@code arn:aws:iam::<account>:saml-provider/<name>}). A file is read at
     * start; a URL is fetched on first use and again after {@link #samlMetadataRefresh()}. An entry that is not
     * {@code x=y}, not a SAML provider ARN, or a file that is no IdP metadata stops the start.
     */
    Optional<List<String>> samlMetadata();

    /** How long metadata fetched from a URL is used before it is fetched again (a failed refetch keeps the last good copy). */
    @WithDefault("PT1H")
    Duration samlMetadataRefresh();

    /**
     * What a SAML assertion's {@code Audience} must be, one of them: AWS federation's ({@code urn:amazon:webservices},
     * the entity id of AWS's SP metadata, or the sign-in endpoint), so IdPs configured for AWS work unchanged.
     */
    @WithDefault("https://signin.aws.amazon.com/saml,urn:amazon:webservices")
    List<String> samlAudiences();

    /**
     * What the {@code Recipient} of a SAML assertion's bearer {@code SubjectConfirmationData} (and the Response's
     * {@code Destination}, when it has one) must be, one of them: AWS's global sign-in endpoint; the regional one of
     * {@code cognate.region} ({@code https://<region>.signin.aws.amazon.com/saml}) is accepted too.
     */
    @WithDefault("https://signin.aws.amazon.com/saml")
    List<String> samlRecipients();

    /** Time limit of one call to a provider's user-info API (Facebook, Amazon); also of one SAML metadata fetch. */
    @WithDefault("PT5S")
    Duration requestTimeout();
}
