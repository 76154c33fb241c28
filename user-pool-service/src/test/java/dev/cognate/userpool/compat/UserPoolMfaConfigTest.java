package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.FeatureUnavailableInTierException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserPoolMfaConfigResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SetUserPoolMfaConfigResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolTierType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserVerificationType;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SetUserPoolMfaConfig and GetUserPoolMfaConfig through the AWS SDK for Java v2, and what DescribeUserPool shows of them. */
@QuarkusTest
class UserPoolMfaConfigTest extends CognitoIdpTest {

    private static final String SNS_ROLE = "arn:aws:iam::123456789012:role/sns-caller";

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("mfa");
    }

    @Test
    void newPoolHasMfaOffAndPreferredUserVerification() {
        GetUserPoolMfaConfigResponse config = cognito.getUserPoolMfaConfig(r -> r.userPoolId(poolId));

        assertThat(config.mfaConfiguration()).isEqualTo(UserPoolMfaType.OFF);
        assertThat(config.softwareTokenMfaConfiguration()).isNull();
        assertThat(config.smsMfaConfiguration()).isNull();
        assertThat(config.emailMfaConfiguration()).isNull();
        assertThat(config.webAuthnConfiguration().userVerification()).isEqualTo(UserVerificationType.PREFERRED);
    }

    @Test
    void turningOnTotpIsReadBackAndDescribeUserPoolAgrees() {
        SetUserPoolMfaConfigResponse set = cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId)
                .mfaConfiguration(UserPoolMfaType.ON).softwareTokenMfaConfiguration(t -> t.enabled(true)));

        assertThat(set.mfaConfiguration()).isEqualTo(UserPoolMfaType.ON);
        assertThat(set.softwareTokenMfaConfiguration().enabled()).isTrue();
        GetUserPoolMfaConfigResponse read = cognito.getUserPoolMfaConfig(r -> r.userPoolId(poolId));
        assertThat(read.mfaConfiguration()).isEqualTo(UserPoolMfaType.ON);
        assertThat(read.softwareTokenMfaConfiguration().enabled()).isTrue();
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().mfaConfiguration()).isEqualTo(UserPoolMfaType.ON);
    }

    @Test
    void smsFactorSetsThePoolsSmsMessageAndConfiguration() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .smsMfaConfiguration(s -> s.smsAuthenticationMessage("Your code is {####}")
                        .smsConfiguration(c -> c.snsCallerArn(SNS_ROLE).externalId("ext-1"))));

        UserPoolType pool = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool();
        assertThat(pool.mfaConfiguration()).isEqualTo(UserPoolMfaType.OPTIONAL);
        assertThat(pool.smsAuthenticationMessage()).isEqualTo("Your code is {####}");
        assertThat(pool.smsConfiguration().snsCallerArn()).isEqualTo(SNS_ROLE);
        assertThat(pool.smsConfiguration().externalId()).isEqualTo("ext-1");
        GetUserPoolMfaConfigResponse read = cognito.getUserPoolMfaConfig(r -> r.userPoolId(poolId));
        assertThat(read.smsMfaConfiguration().smsAuthenticationMessage()).isEqualTo("Your code is {####}");
        assertThat(read.smsMfaConfiguration().smsConfiguration().snsCallerArn()).isEqualTo(SNS_ROLE);
    }

    @Test
    void factorsLeftOutAreTurnedOffWhileWebAuthnIsKept() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(t -> t.enabled(true))
                .webAuthnConfiguration(w -> w.relyingPartyId("auth.example.com").userVerification(UserVerificationType.REQUIRED)));

        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .emailMfaConfiguration(e -> e.subject("Sign-in code").message("Your code is {####}")));

        GetUserPoolMfaConfigResponse read = cognito.getUserPoolMfaConfig(r -> r.userPoolId(poolId));
        assertThat(read.mfaConfiguration()).isEqualTo(UserPoolMfaType.OPTIONAL);
        assertThat(read.softwareTokenMfaConfiguration()).as("left out: off").isNull();
        assertThat(read.emailMfaConfiguration().subject()).isEqualTo("Sign-in code");
        assertThat(read.emailMfaConfiguration().message()).isEqualTo("Your code is {####}");
        assertThat(read.webAuthnConfiguration().relyingPartyId()).as("independent of MFA: kept").isEqualTo("auth.example.com");
        assertThat(read.webAuthnConfiguration().userVerification()).isEqualTo(UserVerificationType.REQUIRED);

        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OFF));
        GetUserPoolMfaConfigResponse off = cognito.getUserPoolMfaConfig(r -> r.userPoolId(poolId));
        assertThat(off.mfaConfiguration()).isEqualTo(UserPoolMfaType.OFF);
        assertThat(off.emailMfaConfiguration()).isNull();
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().mfaConfiguration()).isEqualTo(UserPoolMfaType.OFF);
    }

    @Test
    void refusesOffTogetherWithAnEnabledFactorAndChangesNothing() {
        String message = "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.";
        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OFF)
                .softwareTokenMfaConfiguration(t -> t.enabled(true))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId)
                .emailMfaConfiguration(e -> e.message("Code {####}"))))
                .as("no MfaConfiguration means OFF")
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
        assertThat(cognito.getUserPoolMfaConfig(r -> r.userPoolId(poolId)).softwareTokenMfaConfiguration()).isNull();
    }

    @Test
    void refusesOnOrOptionalWithoutAnyFactor() {
        String message = "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.";
        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .softwareTokenMfaConfiguration(t -> t.enabled(false))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().mfaConfiguration()).isEqualTo(UserPoolMfaType.OFF);
    }

    @Test
    void rejectsMembersOutsideTheirConstraints() {
        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .smsMfaConfiguration(s -> s.smsAuthenticationMessage("no placeholder here"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("1 validation error detected: Value 'no placeholder here' at 'smsMfaConfiguration.smsAuthenticationMessage' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*");
        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration("SOMETIMES")
                .softwareTokenMfaConfiguration(t -> t.enabled(true))
                .webAuthnConfiguration(w -> w.userVerification("maybe"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("2 validation errors detected: ")
                .hasMessageContaining("Value 'SOMETIMES' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]")
                .hasMessageContaining("Value 'maybe' at 'webAuthnConfiguration.userVerification' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [required, preferred]");
        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .smsMfaConfiguration(s -> s.smsConfiguration(c -> c.externalId("no-role")))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value null at 'smsMfaConfiguration.smsConfiguration.snsCallerArn' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void refusesEmailMfaOnTheLiteTier() {
        String lite = cognito.createUserPool(r -> r.poolName("mfa lite " + unique())
                .userPoolTier(UserPoolTierType.LITE)).userPool().id();

        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(lite).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .emailMfaConfiguration(e -> e.message("Your code is {####}"))))
                .isInstanceOf(FeatureUnavailableInTierException.class);
        assertThat(cognito.setUserPoolMfaConfig(r -> r.userPoolId(lite).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .softwareTokenMfaConfiguration(t -> t.enabled(true))).mfaConfiguration()).isEqualTo(UserPoolMfaType.OPTIONAL);
    }

    @Test
    void answersResourceNotFoundForAnUnknownPool() {
        String missing = "us-east-1_Nope12345";
        assertThatThrownBy(() -> cognito.getUserPoolMfaConfig(r -> r.userPoolId(missing)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool " + missing + " does not exist.");
        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(missing).mfaConfiguration(UserPoolMfaType.OFF)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool " + missing + " does not exist.");
    }

    @Test
    void eachAcceptedChangePublishesPoolUpdated() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(t -> t.enabled(true)));
        assertThatThrownBy(() -> cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)))
                .isInstanceOf(InvalidParameterException.class);

        assertThat(OutboxRows.forPool(db, poolId, "userPoolId")).extracting(OutboxRows.Row::type)
                .containsExactly(UserPoolEvents.POOL_CREATED.name(), UserPoolEvents.POOL_UPDATED.name());
    }
}
