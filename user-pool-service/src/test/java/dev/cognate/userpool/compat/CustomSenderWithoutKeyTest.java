package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An installation without {@code cognate.triggers.custom-sender.public-key} (the default test profile): a pool asking
 * for a custom sender is refused at CreateUserPool and UpdateUserPool, never stored with a sender that would be skipped;
 * a pool stored with one anyway (written into its row) fails closed at the first message, and the sign-up leaves no user.
 */
@QuarkusTest
class CustomSenderWithoutKeyTest extends CognitoIdpTest {

    private static final String KMS_KEY = CustomSenderTriggerTest.KMS_KEY;
    private static final String REFUSED = "Cognate cannot run LambdaConfig.CustomEmailSender: the operator has not configured"
            + " the key it encrypts codes to (cognate.triggers.custom-sender.public-key).";

    @Inject
    Pool db;

    @Test
    void createAndUpdateUserPoolRefuseACustomSenderAndChangeNothing() {
        String name = "no sender key " + unique();
        assertThatThrownBy(() -> cognito.createUserPool(r -> r.poolName(name).lambdaConfig(l -> l.kmsKeyID(KMS_KEY)
                .customEmailSender(s -> s.lambdaVersion("V1_0").lambdaArn(CustomSenderTriggerTest.EMAIL_SENDER)))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith(REFUSED);
        assertThat(cognito.listUserPoolsPaginator(r -> r.maxResults(60)).userPools().stream().map(UserPoolDescriptionType::name))
                .doesNotContain(name);

        String poolId = newPool("no sender key update");
        assertThatThrownBy(() -> cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.kmsKeyID(KMS_KEY)
                .customSMSSender(s -> s.lambdaVersion("V1_0").lambdaArn(CustomSenderTriggerTest.SMS_SENDER)))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(REFUSED.replace("CustomEmailSender", "CustomSMSSender"));
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().lambdaConfig().customSMSSender()).isNull();
    }

    @Test
    void aStoredCustomSenderWithoutTheKeyFailsTheSignUpClosedAndLeavesNoUser() {
        String poolId = cognito.createUserPool(r -> r.poolName("stored sender " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool().id();
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")).userPoolClient().clientId();
        db.preparedQuery("UPDATE user_pools SET settings = jsonb_set(settings, '{LambdaConfig}', ($2::text)::jsonb) WHERE id = $1")
                .execute(Tuple.of(poolId, "{\"KMSKeyID\": \"" + KMS_KEY + "\", \"CustomEmailSender\": {\"LambdaVersion\": \"V1_0\","
                        + " \"LambdaArn\": \"" + CustomSenderTriggerTest.EMAIL_SENDER + "\"}}"))
                .await().indefinitely();

        try (CognitoIdentityProviderClient app = CognitoIdpClients.anonymous(endpoint)) {
            assertThatThrownBy(() -> app.signUp(r -> r.clientId(clientId).username("dora").password("Custom-Sender#9")
                    .userAttributes(AttributeType.builder().name("email").value("dora@example.com").build())))
                    .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnexpectedLambdaException");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("CustomEmailSender invocation failed due to error CustomSenderKeyNotConfigured.");
                    });
        }
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("dora"))).isInstanceOf(UserNotFoundException.class);
        assertThat(Mailbox.rawMessages(db, poolId)).isEmpty();
    }
}
