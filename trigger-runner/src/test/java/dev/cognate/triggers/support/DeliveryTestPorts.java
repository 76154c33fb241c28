package dev.cognate.triggers.support;

import dev.cognate.testkit.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Free ports for the test's SMTP server (GreenMail) and SMS gateway, as {@code test.delivery.smtp-port} and
 * {@code test.delivery.sms-port}: application.properties points {@code %test} mailer and gateway at them, and each
 * test class starts its servers there (the mailer and the gateway client connect only when they send).
 */
public class DeliveryTestPorts implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int[] ports = Ports.pickFree(2);
        return Map.of("test.delivery.smtp-port", Integer.toString(ports[0]),
                "test.delivery.sms-port", Integer.toString(ports[1]));
    }

    @Override
    public void stop() {
    }
}
