package dev.cognate.triggers.invoke;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The egress guard's address classes and the Lambda ARN mapping's parsing, without a server. */
class EgressGuardAndTargetsTest {

    @Test
    void internalAddressesAreRefusedAndPublicOnesAllowed() throws Exception {
        for (String internal : List.of("127.0.0.1", "0.0.0.0", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1")) {
            assertThat(EgressGuard.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111")) {
            assertThat(EgressGuard.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }

    @Test
    void anAllowListedHostPassesAndOthersAreRefusedWithTheReason() throws Exception {
        EgressGuard guard = new EgressGuard(List.of(" LocalHost ", "10.1.2.3"));
        assertThat(guard.check("10.1.2.3").getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(guard.check("localhost").isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> guard.check("10.1.2.4")).isInstanceOf(EgressGuard.RefusedException.class)
                .hasMessageContaining("10.1.2.4").hasMessageContaining("cognate.triggers.allowed-egress-hosts");
        assertThatThrownBy(() -> guard.check("[::1]")).isInstanceOf(EgressGuard.RefusedException.class);
        assertThatThrownBy(() -> guard.check("no-such-host.invalid")).isInstanceOf(EgressGuard.RefusedException.class)
                .hasMessageContaining("does not resolve");
    }

    @Test
    void lambdaArnsMapToUrlsAndAMalformedEntryIsRefused() {
        LambdaTargets targets = new LambdaTargets(List.of(" arn:aws:lambda:us-east-1:123456789012:function:a = https://f.example.com/a ", ""));
        assertThat(targets.urlOf("arn:aws:lambda:us-east-1:123456789012:function:a")).contains("https://f.example.com/a");
        assertThat(targets.urlOf("arn:aws:lambda:us-east-1:123456789012:function:b")).isEmpty();
        assertThatThrownBy(() -> new LambdaTargets(List.of("https://f.example.com/a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LambdaTargets(List.of("arn:aws:lambda:us-east-1:1:function:x="))).isInstanceOf(IllegalArgumentException.class);
    }
}
