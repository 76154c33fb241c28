package dev.cognate.identitypool;

import dev.cognate.testkit.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Reserves the port of the test's login providers ({@link LocalLoginProviders}: Google, Apple, Facebook, Login with
 * Amazon, an OpenID Connect provider, a SAML IdP's metadata, and user-pool-service's internal route) and points every
 * provider URL of {@code cognate.login-providers.*} and {@code quarkus.rest-client.user-pool-internal.url} at it; the
 * SAML providers of {@link LocalSamlIdp}: one by its metadata file, one by that URL.
 */
public class LocalLoginProvidersPortResource implements QuarkusTestResourceLifecycleManager {

    public static final String PORT_PROPERTY = "test.local-login-providers-port";
    /** The client ids of the local OIDC provider (IAM's ClientIDList). */
    public static final String OIDC_CLIENT = "oidc-web-client";
    public static final String OIDC_OTHER_CLIENT = "oidc-mobile-client";

    @Override
    public Map<String, String> start() {
        int port = Ports.pickFree(1)[0];
        String base = "http://" + Ports.LOOPBACK + ":" + port;
        String oidcProvider = Ports.LOOPBACK + ":" + port + LocalLoginProviders.OIDC_PATH;
        String samlMetadata = LocalSamlIdp.FILE_IDP_ARN + "=" + LocalSamlIdp.KEYS.resolve("local-idp-metadata.xml").toAbsolutePath()
                + "," + LocalSamlIdp.URL_IDP_ARN + "=" + base + LocalLoginProviders.SAML_METADATA_PATH;
        return Map.of(PORT_PROPERTY, Integer.toString(port),
                "cognate.login-providers.google-jwks-url", base + "/google/oauth2/v3/certs",
                "cognate.login-providers.apple-jwks-url", base + "/apple/auth/keys",
                "cognate.login-providers.facebook-graph-url", base + "/facebook",
                "cognate.login-providers.amazon-api-url", base + "/amazon",
                "cognate.login-providers.oidc-scheme", "http",
                "cognate.login-providers.oidc-client-ids", oidcProvider + "=" + OIDC_CLIENT + "," + oidcProvider + "=" + OIDC_OTHER_CLIENT,
                "cognate.login-providers.saml-metadata", samlMetadata,
                "quarkus.rest-client.user-pool-internal.url", base + LocalLoginProviders.USER_POOL_INTERNAL_PATH,
                "quarkus.rest-client.user-pool-internal.read-timeout", "1000");
    }

    @Override
    public void stop() {
    }
}
