package dev.cognate.identitypool;

import dev.cognate.testkit.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Reserves the port of the test's user pool issuer ({@link LocalUserPoolIssuer}) and points the service's
 * {@code cognate.logins.user-pool-issuer-base-url} at it. The issuer itself is started by the tests, in their class
 * loader, so they hold its signing key.
 */
public class LocalIssuerPortResource implements QuarkusTestResourceLifecycleManager {

    public static final String PORT_PROPERTY = "test.local-issuer-port";

    @Override
    public Map<String, String> start() {
        int port = Ports.pickFree(1)[0];
        return Map.of(PORT_PROPERTY, Integer.toString(port),
                "cognate.logins.user-pool-issuer-base-url", "http://" + Ports.LOOPBACK + ":" + port);
    }

    @Override
    public void stop() {
    }
}
