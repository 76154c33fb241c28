package dev.cognate.triggers.support;

import dev.cognate.testkit.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Free ports for the test's SMTP server (GreenMail), SMS gateway and trigger function server, as
 * {@code test.delivery.smtp-port}, {@code test.delivery.sms-port} and {@code test.triggers.function-port}: application.properties points {@code %test} mailer and gateway at them, and each
 * test class starts its servers there (the mailer and the gateway client connect only when they send).
 */
public class DeliveryTestPorts implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int[] ports = Ports.pickFree(3);
        return Map.of("test.delivery.smtp-port", Integer.toString(ports[0]),
                "test.delivery.sms-port", Integer.toString(ports[1]),
                "test.triggers.function-port", Integer.toString(ports[2]));
    }

    @Override
    public void stop() {
    }
}
