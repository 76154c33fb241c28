package dev.cognate.userpool.webauthn;

import com.webauthn4j.data.client.Origin;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The origins a pool's passkeys may be made and used from ({@link RelyingParty#origins()}). */
class RelyingPartyTest {

    private static boolean allows(RelyingParty relyingParty, String origin) {
        return relyingParty.origins().test(Origin.create(origin));
    }

    @Test
    void httpsOnTheRelyingPartyIdOrASubdomainOfItOnAnyPort() {
        RelyingParty relyingParty = new RelyingParty("example.com", "preferred", Set.of());
        assertThat(allows(relyingParty, "https://example.com")).isTrue();
        assertThat(allows(relyingParty, "https://app.example.com")).isTrue();
        assertThat(allows(relyingParty, "https://a.b.example.com:8443")).isTrue();
        assertThat(allows(relyingParty, "https://APP.Example.COM")).as("hosts compare case-insensitively").isTrue();
    }

    @Test
    void refusesLookalikesPlainHttpAndOtherSchemes() {
        RelyingParty relyingParty = new RelyingParty("example.com", "preferred", Set.of());
        assertThat(allows(relyingParty, "https://example.com.evil.test")).isFalse();
        assertThat(allows(relyingParty, "https://notexample.com")).isFalse();
        assertThat(allows(relyingParty, "https://com")).isFalse();
        assertThat(allows(relyingParty, "http://app.example.com")).isFalse();
        assertThat(allows(relyingParty, "android:apk-key-hash:abc")).isFalse();
    }

    @Test
    void theHostedLoginOriginsExactlyAndLocalhostOverHttp() {
        RelyingParty hosted = new RelyingParty("x.auth.us-east-1.localhost", "required",
                Set.of("http://x.auth.us-east-1.localhost:8082"));
        assertThat(allows(hosted, "http://x.auth.us-east-1.localhost:8082")).isTrue();
        assertThat(allows(hosted, "http://x.auth.us-east-1.localhost:9999")).isFalse();
        assertThat(hosted.userVerificationRequired()).isTrue();

        RelyingParty local = new RelyingParty("localhost", "preferred", Set.of());
        assertThat(allows(local, "http://localhost:3000")).isTrue();
        assertThat(local.userVerificationRequired()).isFalse();
    }
}
