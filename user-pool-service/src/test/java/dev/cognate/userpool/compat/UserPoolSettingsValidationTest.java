package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.FeatureUnavailableInTierException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolTierType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inner members of a pool's configuration through the AWS SDK (raw signed JSON where the SDK model cannot
 * express the input): bad input answers Cognito's exception and creates or changes nothing; good input comes back
 * from DescribeUserPool with Cognito's defaults filled in.
 */
@QuarkusTest
class UserPoolSettingsValidationTest extends CognitoIdpTest {

    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:trigger";
    private static final String SNS_ROLE = "arn:aws:iam::123456789012:role/sns-caller";
    private static final String SES_IDENTITY = "arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com";

    @Test
    void roundTripsAFullyConfiguredPoolWithCognitosDefaults() {
        String name = "full settings " + unique();
        UserPoolType created = cognito.createUserPool(r -> r.poolName(name)
                .userPoolTier(UserPoolTierType.PLUS)
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(12).requireNumbers(true).passwordHistorySize(5))
                        .signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("PASSWORD", "EMAIL_OTP")))
                .lambdaConfig(l -> l.preSignUp(LAMBDA)
                        .preTokenGenerationConfig(t -> t.lambdaVersion("V1_0").lambdaArn("https://hooks.example.com/tokens")))
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .userAttributeUpdateSettings(u -> u.attributesRequireVerificationBeforeUpdateWithStrings("email"))
                .verificationMessageTemplate(v -> v.emailMessageByLink("Please {##verify your address##}").emailSubjectByLink("Verify"))
                .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(true)
                        .inviteMessageTemplate(i -> i.smsMessage("Hi {username}, your password is {####}")))
                .accountRecoverySetting(a -> a.recoveryMechanisms(m -> m.name(RecoveryOptionNameType.VERIFIED_EMAIL).priority(1)))
                .deviceConfiguration(d -> d.challengeRequiredOnNewDevice(true))
                .emailConfiguration(e -> e.emailSendingAccount("DEVELOPER").sourceArn(SES_IDENTITY).from("Example <no-reply@example.com>")
                        .configurationSet("cognate-set"))
                .smsConfiguration(s -> s.snsCallerArn(SNS_ROLE).externalId("ext").snsRegion("us-east-1"))
                .mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .userPoolAddOns(a -> a.advancedSecurityMode("AUDIT"))
                .usernameConfiguration(u -> u.caseSensitive(false))).userPool();

        UserPoolType pool = cognito.describeUserPool(r -> r.userPoolId(created.id())).userPool();
        var password = pool.policies().passwordPolicy();
        assertThat(password.minimumLength()).isEqualTo(12);
        assertThat(password.requireNumbers()).isTrue();
        assertThat(password.requireUppercase()).as("left out of an explicit policy: false").isFalse();
        assertThat(password.requireSymbols()).isFalse();
        assertThat(password.temporaryPasswordValidityDays()).isEqualTo(7);
        assertThat(password.passwordHistorySize()).isEqualTo(5);
        assertThat(pool.policies().signInPolicy().allowedFirstAuthFactorsAsStrings()).containsExactly("PASSWORD", "EMAIL_OTP");
        assertThat(pool.lambdaConfig().preSignUp()).isEqualTo(LAMBDA);
        assertThat(pool.lambdaConfig().preTokenGeneration()).as("mirrors PreTokenGenerationConfig").isEqualTo("https://hooks.example.com/tokens");
        assertThat(pool.lambdaConfig().preTokenGenerationConfig().lambdaVersionAsString()).isEqualTo("V1_0");
        assertThat(pool.userAttributeUpdateSettings().attributesRequireVerificationBeforeUpdateAsStrings()).containsExactly("email");
        assertThat(pool.verificationMessageTemplate().defaultEmailOptionAsString()).isEqualTo("CONFIRM_WITH_CODE");
        assertThat(pool.verificationMessageTemplate().emailMessageByLink()).isEqualTo("Please {##verify your address##}");
        assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).isTrue();
        assertThat(pool.adminCreateUserConfig().unusedAccountValidityDays()).isEqualTo(7);
        assertThat(pool.adminCreateUserConfig().inviteMessageTemplate().smsMessage()).isEqualTo("Hi {username}, your password is {####}");
        assertThat(pool.accountRecoverySetting().recoveryMechanisms()).singleElement()
                .satisfies(m -> assertThat(m.name()).isEqualTo(RecoveryOptionNameType.VERIFIED_EMAIL));
        assertThat(pool.deviceConfiguration().challengeRequiredOnNewDevice()).isTrue();
        assertThat(pool.emailConfiguration().sourceArn()).isEqualTo(SES_IDENTITY);
        assertThat(pool.emailConfiguration().configurationSet()).isEqualTo("cognate-set");
        assertThat(pool.smsConfiguration().snsRegion()).isEqualTo("us-east-1");
        assertThat(pool.mfaConfiguration()).isEqualTo(UserPoolMfaType.OPTIONAL);
        assertThat(pool.userPoolAddOns().advancedSecurityModeAsString()).isEqualTo("AUDIT");
        assertThat(pool.usernameConfiguration().caseSensitive()).isFalse();
    }

    @Test
    void refusesPasswordPolicyOutOfRangeAndCreatesNothing() {
        assertCreateRefused(r -> r.policies(p -> p.passwordPolicy(pp -> pp.minimumLength(5).temporaryPasswordValidityDays(400))),
                InvalidParameterException.class, "2 validation errors detected: Value '5' at 'policies.passwordPolicy.minimumLength'"
                        + " failed to satisfy constraint: Member must have value greater than or equal to 6; Value '400' at"
                        + " 'policies.passwordPolicy.temporaryPasswordValidityDays' failed to satisfy constraint: Member must have value"
                        + " less than or equal to 365");
    }

    @Test
    void refusesSignInPolicyWithoutPassword() {
        assertCreateRefused(r -> r.policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("EMAIL_OTP"))),
                InvalidParameterException.class, "at 'policies.signInPolicy.allowedFirstAuthFactors' failed to satisfy constraint: Member must contain PASSWORD");
    }

    @Test
    void refusesPasswordHistoryOnTheLiteTier() {
        assertCreateRefused(r -> r.userPoolTier(UserPoolTierType.LITE).policies(p -> p.passwordPolicy(pp -> pp.passwordHistorySize(3))),
                FeatureUnavailableInTierException.class, "Password history is not available in the LITE tier.");
    }

    @Test
    void refusesTriggersThatAreNeitherArnsNorAllowedUrls() {
        assertCreateRefused(r -> r.lambdaConfig(l -> l.preSignUp("http://hooks.example.com/pre-sign-up")), InvalidParameterException.class,
                "Value 'http://hooks.example.com/pre-sign-up' at 'lambdaConfig.preSignUp' failed to satisfy constraint");
        assertCreateRefused(r -> r.lambdaConfig(l -> l.userMigration("my-function-name-only")), InvalidParameterException.class,
                "at 'lambdaConfig.userMigration' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertCreateRefused(r -> r.lambdaConfig(l -> l.customSMSSender(s -> s.lambdaVersion("V1_0").lambdaArn(LAMBDA))),
                InvalidParameterException.class, "KMSKeyID is required when CustomSMSSender or CustomEmailSender is set.");
        assertCreateRefused(r -> r.lambdaConfig(l -> l.preTokenGenerationConfig(t -> t.lambdaArn(LAMBDA))), InvalidParameterException.class,
                "Value null at 'lambdaConfig.preTokenGenerationConfig.lambdaVersion' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void refusesMessagesWithoutTheirPlaceholders() {
        assertCreateRefused(r -> r.verificationMessageTemplate(v -> v.smsMessage("Your code is here")), InvalidParameterException.class,
                "Value 'Your code is here' at 'verificationMessageTemplate.smsMessage' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: .*\\{####\\}.*");
        assertCreateRefused(r -> r.emailVerificationMessage("Click the link"), InvalidParameterException.class,
                "Value 'Click the link' at 'emailVerificationMessage' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertCreateRefused(r -> r.adminCreateUserConfig(a -> a.inviteMessageTemplate(i -> i.smsMessage("Your password is {####}"))),
                InvalidParameterException.class, "AdminCreateUserConfig.InviteMessageTemplate.SMSMessage must contain the {username} and {####} placeholders.");
    }

    @Test
    void refusesRulesBetweenMembers() {
        assertCreateRefused(r -> r.mfaConfiguration(UserPoolMfaType.ON), InvalidParameterException.class,
                "SMS configuration and Auto verification for phone_number are required when MFA is required/optional");
        assertCreateRefused(r -> r.autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                        .userAttributeUpdateSettings(u -> u.attributesRequireVerificationBeforeUpdateWithStrings("phone_number")),
                InvalidParameterException.class, "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes");
        assertCreateRefused(r -> r.accountRecoverySetting(a -> a.recoveryMechanisms(
                        m -> m.name(RecoveryOptionNameType.ADMIN_ONLY).priority(1), m -> m.name(RecoveryOptionNameType.VERIFIED_EMAIL).priority(2))),
                InvalidParameterException.class, "The admin_only recovery mechanism cannot be combined with another recovery mechanism.");
        assertCreateRefused(r -> r.emailConfiguration(e -> e.emailSendingAccount("DEVELOPER")), InvalidParameterException.class,
                "SourceArn is required in EmailConfiguration when EmailSendingAccount is DEVELOPER.");
        assertCreateRefused(r -> r.emailConfiguration(e -> e.from("no-reply@example.com")), InvalidParameterException.class,
                "Cannot configure From email address for default email configuration");
        assertCreateRefused(r -> r.policies(p -> p.passwordPolicy(pp -> pp.temporaryPasswordValidityDays(3)))
                        .adminCreateUserConfig(a -> a.unusedAccountValidityDays(4)),
                InvalidParameterException.class, "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays");
        assertCreateRefused(r -> r.userPoolAddOns(a -> a.advancedSecurityMode("ENFORCED")), FeatureUnavailableInTierException.class,
                "available only in the PLUS tier");
    }

    @Test
    void refusesANestedMemberOfTheWrongJsonTypeAndCreatesNothing() {
        String name = "wrong type " + unique();
        Response response = SignedJson.call(endpoint, "CreateUserPool",
                "{\"PoolName\": \"" + name + "\", \"Policies\": {\"PasswordPolicy\": {\"MinimumLength\": \"twelve\"}}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo("SerializationException");
        assertThat(JsonPath.from(response.asString()).getString("message"))
                .isEqualTo("Unexpected value type for member 'Policies.PasswordPolicy.MinimumLength'.");
        assertThat(poolNamed(name)).isFalse();
    }

    @Test
    void refusedUpdateChangesNothing() {
        String id = cognito.createUserPool(r -> r.poolName("update refused " + unique())
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(10)))
                .lambdaConfig(l -> l.preSignUp(LAMBDA))).userPool().id();
        UserPoolType before = cognito.describeUserPool(r -> r.userPoolId(id)).userPool();

        assertThatThrownBy(() -> cognito.updateUserPool(r -> r.userPoolId(id)
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(100)))
                .lambdaConfig(l -> l.preSignUp(LAMBDA).postAuthentication("ftp://example.com/post-authentication"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("2 validation errors detected")
                .hasMessageContaining("Value '100' at 'policies.passwordPolicy.minimumLength'")
                .hasMessageContaining("at 'lambdaConfig.postAuthentication'");
        assertThatThrownBy(() -> cognito.updateUserPool(r -> r.userPoolId(id).mfaConfiguration(UserPoolMfaType.ON)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("SMS configuration and Auto verification for phone_number are required when MFA is required/optional");
        Response wrongType = SignedJson.call(endpoint, "UpdateUserPool",
                "{\"UserPoolId\": \"" + id + "\", \"LambdaConfig\": {\"PreSignUp\": [\"" + LAMBDA + "\"]}}");
        assertThat(wrongType.header("x-amzn-ErrorType")).isEqualTo("SerializationException");

        assertThat(cognito.describeUserPool(r -> r.userPoolId(id)).userPool()).isEqualTo(before);
    }

    @Test
    void updateMayTurnMfaOnWhenTotpIsAlreadyOn() {
        String id = newPool("mfa totp");
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(id).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .softwareTokenMfaConfiguration(t -> t.enabled(true)));

        cognito.updateUserPool(r -> r.userPoolId(id).mfaConfiguration(UserPoolMfaType.ON));

        assertThat(cognito.describeUserPool(r -> r.userPoolId(id)).userPool().mfaConfiguration()).isEqualTo(UserPoolMfaType.ON);
    }

    @Test
    void updateValidatesAndStoresNestedSettings() {
        String id = newPool("update nested");
        cognito.updateUserPool(r -> r.userPoolId(id)
                .lambdaConfig(l -> l.preTokenGeneration(LAMBDA))
                .adminCreateUserConfig(a -> a.unusedAccountValidityDays(3)));

        UserPoolType pool = cognito.describeUserPool(r -> r.userPoolId(id)).userPool();
        assertThat(pool.lambdaConfig().preTokenGenerationConfig().lambdaVersionAsString()).isEqualTo("V1_0");
        assertThat(pool.lambdaConfig().preTokenGenerationConfig().lambdaArn()).isEqualTo(LAMBDA);
        assertThat(pool.policies().passwordPolicy().temporaryPasswordValidityDays()).as("UnusedAccountValidityDays is its old name").isEqualTo(3);
        assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).isFalse();
    }

    @Test
    void inboundFederationTriggerAndUnknownMembersThroughRawJson() {
        String name = "inbound " + unique();
        Response created = SignedJson.call(endpoint, "CreateUserPool", "{\"PoolName\": \"" + name + "\", \"LambdaConfig\": {"
                + "\"InboundFederation\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \"https://hooks.example.com/federation\"}}}");
        assertThat(created.statusCode()).as("federated sign-in runs it: stored").isEqualTo(200);
        String poolId = JsonPath.from(created.asString()).getString("UserPool.Id");
        // the AWS SDK for Java v2 of this build predates the member: read it from the raw answer
        Response described = SignedJson.call(endpoint, "DescribeUserPool", "{\"UserPoolId\": \"" + poolId + "\"}");
        assertThat(JsonPath.from(described.asString()).getString("UserPool.LambdaConfig.InboundFederation.LambdaArn"))
                .isEqualTo("https://hooks.example.com/federation");
        assertThat(JsonPath.from(described.asString()).getString("UserPool.LambdaConfig.InboundFederation.LambdaVersion")).isEqualTo("V1_0");

        String unknownName = "inbound unknown " + unique();
        Response unknown = SignedJson.call(endpoint, "CreateUserPool", "{\"PoolName\": \"" + unknownName + "\", \"LambdaConfig\": {"
                + "\"NotATrigger\": \"" + LAMBDA + "\"}}");
        assertThat(unknown.statusCode()).as("a member the API does not have is ignored, as Cognito's JSON protocol does").isEqualTo(200);
        String unknownPool = JsonPath.from(unknown.asString()).getString("UserPool.Id");
        assertThat(SignedJson.call(endpoint, "DescribeUserPool", "{\"UserPoolId\": \"" + unknownPool + "\"}").asString())
                .as("and not stored, so nothing fails closed on it later").doesNotContain("NotATrigger");

        String refusedName = "inbound refused " + unique();
        Response refused = SignedJson.call(endpoint, "CreateUserPool", "{\"PoolName\": \"" + refusedName + "\", \"LambdaConfig\": {"
                + "\"InboundFederation\": {\"LambdaVersion\": \"V2_0\", \"LambdaArn\": \"" + LAMBDA + "\"}}}");
        assertThat(refused.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
        assertThat(JsonPath.from(refused.asString()).getString("message")).isEqualTo("1 validation error detected: Value 'V2_0' at"
                + " 'lambdaConfig.inboundFederation.lambdaVersion' failed to satisfy constraint: Member must satisfy enum value set: [V1_0]");
        assertThat(poolNamed(refusedName)).isFalse();
    }

    private void assertCreateRefused(Consumer<CreateUserPoolRequest.Builder> settings,
                                     Class<? extends CognitoIdentityProviderException> expected, String message) {
        String name = "refused " + unique();
        assertThatThrownBy(() -> cognito.createUserPool(r -> settings.accept(r.poolName(name))))
                .isInstanceOf(expected).hasMessageContaining(message)
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e).statusCode()).isEqualTo(400));
        assertThat(poolNamed(name)).as("nothing created").isFalse();
    }

    private boolean poolNamed(String name) {
        return cognito.listUserPoolsPaginator(r -> r.maxResults(60)).userPools().stream()
                .map(UserPoolDescriptionType::name).anyMatch(name::equals);
    }
}
