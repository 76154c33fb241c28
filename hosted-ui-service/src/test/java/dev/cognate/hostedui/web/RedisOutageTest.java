package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Losing Redis fails closed: nobody is signed in, no code is issued, and no page leaks what went wrong. */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class RedisOutageTest {

    @Test
    void signsNobodyInWhileRedisIsDown() {
        var browser = new HostedUiBrowser();
        browser.signIn(HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT), FakeUserPool.USER,
                FakeUserPool.PASSWORD);
        var reauthenticate = new java.util.LinkedHashMap<>(HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT));
        reauthenticate.put("prompt", "login");
        Response form = browser.get("/login", reauthenticate);

        TestInfrastructure.stopRedis();
        try {
            // The live session cannot be read: the browser is sent to the form, not signed in, not shown an error.
            Response authorize = browser.get("/oauth2/authorize",
                    HostedUiBrowser.authorizeQuery(FakeUserPool.SECOND_CLIENT));
            assertThat(authorize.statusCode()).isEqualTo(302);
            assertThat(authorize.header("Location")).startsWith("/login?");

            // The password is right, but neither session nor code can be stored: 503, no redirect, no cookie.
            Response signIn = browser.post(HostedUiBrowser.loginAction(form),
                    java.util.Map.of("username", FakeUserPool.USER, "password", FakeUserPool.PASSWORD));
            assertThat(signIn.statusCode()).isEqualTo(503);
            assertThat(signIn.header("Location")).isNull();
            assertThat(signIn.detailedCookie("__Host-cognate-session")).isNull();
            assertThat(signIn.body().asString())
                    .contains("The sign-in service is temporarily unavailable.")
                    .doesNotContain("Exception")
                    .doesNotContain("Connection refused");
        } finally {
            TestInfrastructure.startRedis();
        }
        awaitRedis();
    }

    @Test
    void startsNoFederatedSignInAndCompletesNoneWhileRedisIsDown() {
        var federation = new java.util.LinkedHashMap<>(HostedUiBrowser.authorizeQuery(FakeUserPool.FEDERATED_CLIENT));
        federation.put("identity_provider", "Corp");
        var started = new HostedUiBrowser();
        Response atProvider = started.get("/oauth2/authorize", federation);
        assertThat(atProvider.statusCode()).isEqualTo(302);
        String state = HostedUiBrowser.queryOf(atProvider.header("Location")).get("state");

        TestInfrastructure.stopRedis();
        try {
            // no attempt can be kept: nobody is sent to the provider
            var browser = new HostedUiBrowser();
            Response start = browser.get("/oauth2/authorize", federation);
            assertThat(start.statusCode()).isEqualTo(503);
            assertThat(start.header("Location")).isNull();
            assertThat(browser.cookies()).doesNotContainKey("__Host-cognate-federation");
            // the attempt cannot be read: the provider's answer signs nobody in
            Response callback = started.get("/oauth2/idpresponse", java.util.Map.of("code", "good-code", "state", state));
            assertThat(callback.statusCode()).isEqualTo(503);
            assertThat(callback.header("Location")).isNull();
            assertThat(callback.detailedCookie("__Host-cognate-session")).isNull();
        } finally {
            TestInfrastructure.startRedis();
        }
        awaitRedis();
    }

    private static void awaitRedis() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(new HostedUiBrowser().signIn(HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT),
                        FakeUserPool.USER, FakeUserPool.PASSWORD).statusCode()).isEqualTo(303));
    }
}
