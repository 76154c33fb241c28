package dev.cognate.userpool.metrics;

import dev.cognate.testkit.PrometheusText;
import dev.cognate.testkit.TestInfrastructure;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What an operator reads at /q/metrics after real SDK calls: sign-ins by outcome, tokens by flow, the outbox backlog. */
@QuarkusTest
class OperatorMetricsTest extends CognitoIdpTest {

    private static final String PASSWORD = "Metrics-Passw0rd!";

    @Test
    void countsSignInsByFlowAndOutcomeAndTokensByFlow() {
        String poolId = newPool("metrics");
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("operator-watched").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("operator-watched").password(PASSWORD).permanent(true));

        PrometheusText before = scrape();
        try (CognitoIdentityProviderClient app = CognitoIdpClients.anonymous(endpoint)) {
            assertThatThrownBy(() -> signIn(app, clientId, "operator-watched", PASSWORD + "-wrong")).isInstanceOf(NotAuthorizedException.class);
            assertThatThrownBy(() -> signIn(app, clientId, "operator-watched", PASSWORD + "-wrong")).isInstanceOf(NotAuthorizedException.class);
            assertThatThrownBy(() -> signIn(app, clientId, "nobody", PASSWORD))
                    .isInstanceOfAny(UserNotFoundException.class, NotAuthorizedException.class);
            AuthenticationResultType tokens = signIn(app, clientId, "operator-watched", PASSWORD);
            app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken())));
        }
        PrometheusText after = scrape();

        assertThat(after.increase(before, "cognate_sign_ins_total", "flow=\"USER_PASSWORD_AUTH\",outcome=\"wrong_password\"")).isEqualTo(2);
        assertThat(after.increase(before, "cognate_sign_ins_total", "flow=\"USER_PASSWORD_AUTH\",outcome=\"unknown_user\"")).isEqualTo(1);
        assertThat(after.increase(before, "cognate_sign_ins_total", "flow=\"USER_PASSWORD_AUTH\",outcome=\"success\"")).isEqualTo(1);
        assertThat(after.increase(before, "cognate_tokens_issued_total", "grant=\"USER_PASSWORD_AUTH\"")).isEqualTo(1);
        assertThat(after.increase(before, "cognate_tokens_issued_total", "grant=\"REFRESH_TOKEN_AUTH\"")).isEqualTo(1);
        // no pool or client id in any label: the series do not grow with the tenants
        assertThat(after.text()).doesNotContain(poolId).doesNotContain(clientId);
    }

    /** An event committed while Kafka is down waits in the outbox: the backlog gauges show it until the relay catches up. */
    @Test
    void showsTheOutboxBacklogWhileKafkaIsDownAndItsDrainAfter() {
        String poolId = newPool("outbox-lag");
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)).userPoolClient().clientId();
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().value("cognate_outbox_pending", "") == 0);

        TestInfrastructure.stopKafka();
        try {
            try (CognitoIdentityProviderClient app = CognitoIdpClients.anonymous(endpoint)) {
                // a refused sign-in commits a sign_in_failed event to the outbox
                assertThatThrownBy(() -> signIn(app, clientId, "nobody", PASSWORD)).isInstanceOf(CognitoIdentityProviderException.class);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                PrometheusText during = scrape();
                assertThat(during.value("cognate_outbox_pending", "")).isGreaterThanOrEqualTo(1);
                assertThat(during.value("cognate_outbox_oldest_pending_age_seconds", "")).isGreaterThan(1);
            });
        } finally {
            TestInfrastructure.startKafka();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            PrometheusText drained = scrape();
            assertThat(drained.value("cognate_outbox_pending", "")).isZero();
            assertThat(drained.value("cognate_outbox_oldest_pending_age_seconds", "")).isZero();
        });
    }

    private static AuthenticationResultType signIn(CognitoIdentityProviderClient app, String clientId, String username, String password) {
        return app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult();
    }

    static PrometheusText scrape() {
        return new PrometheusText(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
