package dev.cognate.userpool.federation.oidc;

import com.sun.net.httpserver.HttpServer;
import dev.cognate.testkit.Ports;
import dev.cognate.userpool.api.HostedUiApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Federation's egress policy in the running service, with the loopback allowance OFF (as in production) and
 * {@code cognate.federation.allowed-private-networks} = 10.20.0.0/16 and 169.254.0.0/12: literal internal addresses
 * refused at CreateIdentityProvider and UpdateIdentityProvider through the AWS SDK (nothing stored), an allowed network
 * accepted, the metadata address refused although a wider block around it is listed; and at sign-in a real JDK HTTP
 * server on loopback — Facebook's token endpoint at {@code https://127.0.0.1:<port>}, Amazon's at
 * {@code https://localhost:<port>} — is never called: the sign-in fails with the OAuth error hosted-ui-service returns to
 * the app.
 */
@QuarkusTest
@TestProfile(FederationEgressTest.LoopbackOff.class)
class FederationEgressTest extends FederationFixture {

    private static final String PORT_PROPERTY = "test.federation.egress.port";

    /** The loopback server's port, picked once per JVM (the profile is loaded in another class loader too). */
    static int loopbackPort() {
        synchronized (System.class) {
            String picked = System.getProperty(PORT_PROPERTY);
            if (picked == null) {
                picked = String.valueOf(Ports.pickFree(1)[0]);
                System.setProperty(PORT_PROPERTY, picked);
            }
            return Integer.parseInt(picked);
        }
    }

    public static class LoopbackOff extends FederationTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("cognate.federation.allow-loopback-http", "false");
            config.put("cognate.federation.allowed-private-networks", "10.20.0.0/16,169.254.0.0/12");
            // the browser's pages need no egress; the token endpoints are where Cognate itself would connect
            config.put("cognate.federation.facebook.authorize-url", "https://www.facebook.test/dialog/oauth");
            config.put("cognate.federation.facebook.token-url", "https://127.0.0.1:" + loopbackPort() + "/facebook/token");
            config.put("cognate.federation.facebook.userinfo-url", "https://127.0.0.1:" + loopbackPort() + "/facebook/me");
            config.put("cognate.federation.amazon.authorize-url", "https://www.amazon.test/ap/oa");
            config.put("cognate.federation.amazon.token-url", "https://localhost:" + loopbackPort() + "/amazon/token");
            config.put("cognate.federation.amazon.userinfo-url", "https://localhost:" + loopbackPort() + "/amazon/profile");
            return config;
        }
    }

    private static HttpServer loopback;
    private static final AtomicInteger HITS = new AtomicInteger();

    @BeforeAll
    static void startLoopbackServer() throws Exception {
        loopback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), loopbackPort()), 0);
        loopback.createContext("/", exchange -> {
            HITS.incrementAndGet();
            byte[] body = "{\"access_token\":\"t\",\"token_type\":\"bearer\"}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        loopback.start();
    }

    @AfterAll
    static void stopLoopbackServer() {
        loopback.stop(0);
    }

    @Test
    void literalInternalAddressesAreRefusedAtCreateAndNothingIsStored() {
        poolId = newPool("egress");
        for (String url : List.of("https://10.0.0.5", "https://169.254.169.254/latest/meta-data", "https://[::1]:8443",
                "https://[fd00:ec2::254]", "https://localhost", "https://0.0.0.0", "https://224.0.0.1")) {
            assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                    .providerType(IdentityProviderTypeType.OIDC).providerDetails(oidc(url))))
                    .as(url).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("oidc_issuer names ")
                    .hasMessageContaining(", which Cognate does not call (cognate.federation.allowed-private-networks");
            assertThatThrownBy(() -> cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")))
                    .as("nothing stored for " + url).isInstanceOf(ResourceNotFoundException.class);
        }
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Okta")
                .providerType(IdentityProviderTypeType.SAML).providerDetails(Map.of("MetadataURL", "https://169.254.169.254/metadata"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("MetadataURL names 169.254.169.254, a link-local or cloud metadata address, which Cognate does not call");
        // with the loopback allowance off, plain http is refused even to this machine
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                .providerType(IdentityProviderTypeType.OIDC).providerDetails(oidc("http://127.0.0.1:" + loopbackPort()))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("oidc_issuer must be an https URL.");
    }

    @Test
    void anAllowedNetworkPassesButNeverTheMetadataServiceAndAnUpdateKeepsTheOldDetailsWhenRefused() {
        poolId = newPool("egress");
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                .providerType(IdentityProviderTypeType.OIDC).providerDetails(oidc("https://10.20.30.40/realms/corp")));

        // 169.254.0.0/12 is listed, but only a block wholly inside 169.254.0.0/16 opens link-local addresses
        assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                .providerDetails(oidc("https://169.254.169.254"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("a link-local or cloud metadata address");
        assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                .providerDetails(Map.of("client_id", "c", "authorize_scopes", "openid", "attributes_request_method", "GET",
                        "oidc_issuer", "https://10.20.30.40/realms/corp", "jwks_uri", "https://10.0.0.9/keys"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("jwks_uri names 10.0.0.9, a private address");

        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")).identityProvider().providerDetails())
                .containsEntry("oidc_issuer", "https://10.20.30.40/realms/corp").doesNotContainKey("jwks_uri");
    }

    @Test
    void aProviderOnLoopbackIsNeverCalledWithTheAllowanceOff() {
        int before = recorded.count();
        for (String provider : List.of("Facebook", "LoginWithAmazon")) {
            IdentityProviderTypeType type = provider.equals("Facebook") ? IdentityProviderTypeType.FACEBOOK : IdentityProviderTypeType.LOGIN_WITH_AMAZON;
            String clientId = clientFor(provider, type, Map.of("client_id", "app", "client_secret", "secret",
                    "authorize_scopes", "email"), Map.of());
            String federationId = newFederationId();
            String state = query(startedAt(clientId, provider, federationId)).get("state");

            Response refused = callback(clientId, Map.of("state", state, "code", "a-code"), federationId);

            String host = provider.equals("Facebook") ? "127.0.0.1" : "localhost";
            HostedUiApi.assertError(refused, 400, "NotAuthorizedException", "The identity provider " + provider
                    + " is misconfigured: its endpoint at " + host + " resolves to an address Cognate does not call.");
            assertThat(stateKept(state)).as("the state is used up").isFalse();
        }
        assertThat(HITS.get()).as("the loopback server was never called").isZero();
        assertThat(recorded.count()).as("nobody signed in").isEqualTo(before);
    }

    private static Map<String, String> oidc(String issuer) {
        return Map.of("client_id", "c", "authorize_scopes", "openid", "attributes_request_method", "GET", "oidc_issuer", issuer);
    }
}
