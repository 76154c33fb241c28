package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hosted-UI session ends after its idle timeout, and after its absolute timeout however much it is used. */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
@TestProfile(SessionTimeoutTest.ShortSessions.class)
class SessionTimeoutTest {

    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognate.session.idle-timeout", "2s", "cognate.session.absolute-timeout", "5s");
        }
    }

    private static boolean signedIn(HostedUiBrowser browser) {
        return browser.get("/oauth2/authorize", HostedUiBrowser.authorizeQuery(FakeUserPool.SECOND_CLIENT))
                .header("Location").startsWith(FakeUserPool.CALLBACK_URL + "?code=");
    }

    private static HostedUiBrowser signIn() {
        var browser = new HostedUiBrowser();
        browser.signIn(HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT), FakeUserPool.USER,
                FakeUserPool.PASSWORD);
        return browser;
    }

    @Test
    void endsAnIdleSession() {
        var browser = signIn();
        assertThat(signedIn(browser)).isTrue();

        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(signedIn(browser)).isFalse();
    }

    @Test
    void endsASessionInUseAtItsAbsoluteTimeout() {
        var browser = signIn();
        long started = System.nanoTime();
        // Used every second, so never idle for 2 s; still over once 5 s have passed since the sign-in.
        await().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(8)).until(() -> !signedIn(browser));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(4));
    }
}
