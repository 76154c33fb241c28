package dev.cognate.userpool.federation.egress;

import dev.cognate.awsprotocol.CognitoException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Federation's egress policy on its own: which addresses it refuses, what {@code allowed-private-networks} opens (and
 * that link-local and cloud metadata addresses need a block of their own), the literal check of Create/Update and the
 * resolving check made before each call.
 */
class ProviderEgressTest {

    private final ProviderEgress closed = new ProviderEgress(false, List.of());

    @Test
    void internalAddressesAreRefusedAndPublicOnesPass() throws Exception {
        for (String internal : List.of("127.0.0.1", "127.9.9.9", "::1", "10.0.0.5", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "100.64.0.1", "169.254.169.254", "fe80::1", "fd00:ec2::254", "fd12:3456::1", "fec0::1", "224.0.0.1", "ff02::1",
                "0.0.0.0", "0.1.2.3", "::", "240.0.0.1", "255.255.255.255",
                // an internal IPv4 address written as IPv6: mapped (turned into IPv4 by the JDK), compatible, NAT64
                "::ffff:10.0.0.1", "::169.254.169.254", "64:ff9b::a9fe:a9fe")) {
            assertThat(closed.refusal(InetAddress.getByName(internal))).as(internal).isNotNull();
        }
        for (String external : List.of("8.8.8.8", "172.32.0.1", "100.128.0.1", "192.0.2.10", "2001:db8::1", "2606:4700::1111")) {
            assertThat(closed.refusal(InetAddress.getByName(external))).as(external).isNull();
        }
        assertThat(closed.refusal(InetAddress.getByName("169.254.169.254"))).isEqualTo("169.254.169.254, a link-local or cloud metadata address");
    }

    @Test
    void allowedNetworksOpenTheirPrivateAddressesButMetadataNeedsItsOwnBlock() throws Exception {
        ProviderEgress policy = new ProviderEgress(false, List.of("10.20.0.0/16", " 192.168.7.7 ", "0.0.0.0/0", "fd12::/16"));
        assertThat(policy.refusal(InetAddress.getByName("10.20.30.40"))).isNull();
        assertThat(policy.refusal(InetAddress.getByName("192.168.7.7"))).isNull();
        assertThat(policy.refusal(InetAddress.getByName("fd12:1::1"))).isNull();
        // 0.0.0.0/0 opens every IPv4 address but the link-local ones, the cloud metadata service among them
        assertThat(policy.refusal(InetAddress.getByName("10.99.0.1"))).isNull();
        assertThat(policy.refusal(InetAddress.getByName("169.254.169.254"))).isNotNull();
        assertThat(policy.refusal(InetAddress.getByName("fd00:ec2::254"))).isNotNull();

        ProviderEgress metadata = new ProviderEgress(false, List.of("169.254.170.0/24", "fd00:ec2::/32"));
        assertThat(metadata.refusal(InetAddress.getByName("169.254.170.2"))).isNull();
        assertThat(metadata.refusal(InetAddress.getByName("169.254.169.254"))).isNotNull();
        assertThat(metadata.refusal(InetAddress.getByName("fd00:ec2::254"))).isNull();
    }

    @Test
    void loopbackIsAllowedWithTheLoopbackAllowanceOnly() throws Exception {
        ProviderEgress loopback = new ProviderEgress(true, List.of());
        assertThat(loopback.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(loopback.refusal(InetAddress.getByName("::1"))).isNull();
        assertThat(loopback.refusal(InetAddress.getByName("10.0.0.1"))).isNotNull();
        assertThat(loopback.refusal(InetAddress.getByName("169.254.169.254"))).isNotNull();
        assertThat(closed.refusal(InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1, a loopback address");
    }

    @Test
    void createAndUpdateRefuseLiteralInternalAddressesAndLocalhost() {
        for (String url : List.of("https://10.0.0.5/", "https://169.254.169.254/latest/meta-data", "https://[::1]:8443/",
                "https://[fd00:ec2::254]/", "https://localhost/", "https://idp.localhost/", "https://0.0.0.0/", "https://2130706433/")) {
            assertThatThrownBy(() -> closed.checkDetails(Map.of("oidc_issuer", url))).as(url)
                    .isInstanceOf(CognitoException.class)
                    .hasMessageStartingWith("oidc_issuer names ")
                    .hasMessageEndingWith(", which Cognate does not call (cognate.federation.allowed-private-networks lists the networks an operator allows).")
                    .extracting(e -> ((CognitoException) e).type()).isEqualTo("InvalidParameterException");
        }
        assertThatThrownBy(() -> closed.checkDetails(Map.of("MetadataURL", "https://10.1.2.3/metadata")))
                .hasMessage("MetadataURL names 10.1.2.3, a private address, which Cognate does not call"
                        + " (cognate.federation.allowed-private-networks lists the networks an operator allows).");
        assertThatThrownBy(() -> closed.checkDetails(Map.of("token_url", "http://127.0.0.1:8080/token")))
                .hasMessage("token_url must be an https URL.");
        // host names are checked when called, not here: no DNS lookup at Create
        assertThatCode(() -> closed.checkDetails(Map.of("oidc_issuer", "https://idp.example.com", "jwks_uri", "https://8.8.8.8/keys")))
                .doesNotThrowAnyException();
        assertThatCode(() -> new ProviderEgress(false, List.of("10.0.0.0/8")).checkDetails(Map.of("oidc_issuer", "https://10.0.0.5/")))
                .doesNotThrowAnyException();
    }

    @Test
    void theCheckBeforeACallResolvesTheHost() {
        assertThatThrownBy(() -> closed.resolveChecked("https://localhost:8443/token"))
                .isInstanceOf(ProviderEgress.Refused.class).hasMessageContaining("a loopback address");
        assertThatThrownBy(() -> closed.resolveChecked("https://127.0.0.1:8443/token")).isInstanceOf(ProviderEgress.Refused.class);
        assertThatThrownBy(() -> closed.resolveChecked("https://no-such-host.invalid/token"))
                .isInstanceOf(ProviderEgress.Unresolved.class).hasMessage("the host no-such-host.invalid is unknown");
        assertThatThrownBy(() -> closed.resolveChecked("http://8.8.8.8/token")).isInstanceOf(ProviderEgress.Refused.class);
        assertThat(new ProviderEgress(false, List.of("127.0.0.0/8")).resolveChecked("https://localhost:8443/token").getPort()).isEqualTo(8443);
        assertThat(new ProviderEgress(true, List.of()).resolveChecked("http://127.0.0.1:8080/token").getPort()).isEqualTo(8080);
    }

    @Test
    void aBadNetworkStopsTheStart() {
        for (String bad : List.of("10.0.0.0/33", "idp.example.com", "10.0.0.0/x", "localhost", "::1/129")) {
            assertThatThrownBy(() -> new ProviderEgress(false, List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
