package dev.cognate.userpool.federation.oidc;

import dev.cognate.testkit.Ports;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The federation tests' service: "Google" pointed at the upstream oidc-provider ({@link UpstreamOpenIdProvider}) and
 * Facebook, Login with Amazon and Sign in with Apple at the JDK stand-in ({@link SocialProviderStandIn}), on ports
 * picked once per JVM; and {@link RecordingFederatedSignIn} in place of the federated user's write path (fedusers'
 * {@code FederatedSignIn}, merged later) so these tests see the exact verified identity the engine hands over.
 */
public class FederationTestProfile implements QuarkusTestProfile {

    private static final String PORTS_PROPERTY = "test.federation.ports";
    static final int OP_PORT;
    static final int STAND_IN_PORT;

    static {
        // Quarkus loads a test profile in its own class loader besides the test's: the ports are picked once per JVM
        // and shared through a system property, so both copies of this class agree.
        synchronized (System.class) {
            String picked = System.getProperty(PORTS_PROPERTY);
            if (picked == null) {
                int[] ports = Ports.pickFree(2);
                picked = ports[0] + "," + ports[1];
                System.setProperty(PORTS_PROPERTY, picked);
            }
            OP_PORT = Integer.parseInt(picked.split(",")[0]);
            STAND_IN_PORT = Integer.parseInt(picked.split(",")[1]);
        }
    }

    static String opIssuer() {
        return "http://127.0.0.1:" + OP_PORT;
    }

    static String standIn() {
        return "http://127.0.0.1:" + STAND_IN_PORT;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("cognate.federation.google.authorize-url", opIssuer() + "/auth");
        config.put("cognate.federation.google.token-url", opIssuer() + "/token");
        config.put("cognate.federation.google.userinfo-url", opIssuer() + "/me");
        config.put("cognate.federation.google.jwks-uri", opIssuer() + "/jwks");
        config.put("cognate.federation.google.issuer", opIssuer());
        config.put("cognate.federation.facebook.authorize-url", standIn() + "/facebook/dialog/oauth");
        config.put("cognate.federation.facebook.token-url", standIn() + "/facebook/oauth/access_token");
        config.put("cognate.federation.facebook.userinfo-url", standIn() + "/facebook/me");
        config.put("cognate.federation.amazon.authorize-url", standIn() + "/amazon/ap/oa");
        config.put("cognate.federation.amazon.token-url", standIn() + "/amazon/auth/o2/token");
        config.put("cognate.federation.amazon.userinfo-url", standIn() + "/amazon/user/profile");
        config.put("cognate.federation.apple.authorize-url", standIn() + "/apple/auth/authorize");
        config.put("cognate.federation.apple.token-url", standIn() + "/apple/auth/token");
        config.put("cognate.federation.apple.jwks-uri", standIn() + "/apple/auth/keys");
        config.put("cognate.federation.apple.issuer", standIn() + "/apple");
        return config;
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingFederatedSignIn.class);
    }
}
