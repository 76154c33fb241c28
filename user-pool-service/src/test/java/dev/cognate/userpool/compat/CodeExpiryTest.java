package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A sign-up code lives 24 hours by the service's clock: moved past that, the right code is refused as expired. */
@QuarkusTest
class CodeExpiryTest extends CognitoIdpTest {

    @Inject
    Pool db;

    @Inject
    MovableClock clock;

    private CognitoIdentityProviderClient app;
    private String poolId;
    private String clientId;

    @BeforeEach
    void createPoolAndClient() {
        app = CognitoIdpClients.anonymous(endpoint);
        poolId = cognito.createUserPool(r -> r.poolName("expiry " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool().id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")).userPoolClient().clientId();
    }

    @AfterEach
    void putTimeBack() {
        clock.reset();
        app.close();
    }

    @Test
    void aSignUpCodeStillWorksJustBeforeTwentyFourHours() {
        String code = signUp("ivy", "ivy@example.com");

        clock.advance(Duration.ofHours(24).minusMinutes(1));
        app.confirmSignUp(r -> r.clientId(clientId).username("ivy").confirmationCode(code));

        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("ivy")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void aSignUpCodeExpiresWhenTimeMovesPastTwentyFourHours() {
        String code = signUp("jay", "jay@example.com");

        clock.advance(Duration.ofHours(24).plusSeconds(1));

        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("jay").confirmationCode(code)))
                .isInstanceOf(ExpiredCodeException.class).hasMessageContaining("Invalid code provided, please request a code again.");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("jay")).userStatus()).isEqualTo(UserStatusType.UNCONFIRMED);
    }

    private String signUp(String username, String email) {
        app.signUp(r -> r.clientId(clientId).username(username).password("Expiry#Pass123")
                .userAttributes(AttributeType.builder().name("email").value(email).build()));
        return Mailbox.latest(db, poolId, email).code();
    }
}
