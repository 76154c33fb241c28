package dev.cognate.userpool.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.UserPoolSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The nested configuration rules with exact values and messages, without a server. */
class UserPoolSettingsRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UserPoolSettingsRules RULES = new UserPoolSettingsRules(new LambdaConfigRules(List.of("localhost", "127.0.0.1")));
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up";
    private static final String SNS_ROLE = "arn:aws:iam::123456789012:role/sns-caller";

    private static ObjectNode create(String json) {
        try {
            return UserPoolSettings.forCreate(JSON.readTree(json), RULES);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void refused(String json, String type, String message) {
        assertThatThrownBy(() -> create(json)).isInstanceOfSatisfying(CognitoException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void invalid(String json, String message) {
        refused(json, "InvalidParameterException", message);
    }

    @Test
    void passwordPolicyWithOnlyMinimumLengthGetsFalseRequirementsAndSevenDays() throws Exception {
        ObjectNode settings = create("{\"Policies\": {\"PasswordPolicy\": {\"MinimumLength\": 10}}}");
        assertThat(settings.get("Policies")).isEqualTo(JSON.readTree("""
                {"PasswordPolicy": {"MinimumLength": 10, "RequireUppercase": false, "RequireLowercase": false,
                  "RequireNumbers": false, "RequireSymbols": false, "TemporaryPasswordValidityDays": 7},
                 "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}}"""));
        assertThat(settings.path("AdminCreateUserConfig").path("UnusedAccountValidityDays").asInt()).isEqualTo(7);
    }

    @Test
    void noPoliciesGivesCognitosDefaultPolicy() throws Exception {
        assertThat(create("{}").get("Policies")).isEqualTo(JSON.readTree("""
                {"PasswordPolicy": {"MinimumLength": 8, "RequireUppercase": true, "RequireLowercase": true,
                  "RequireNumbers": true, "RequireSymbols": true, "TemporaryPasswordValidityDays": 7},
                 "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}}"""));
    }

    @Test
    void passwordPolicyRangesAreAwsValidationErrors() {
        invalid("{\"Policies\": {\"PasswordPolicy\": {\"MinimumLength\": 5, \"TemporaryPasswordValidityDays\": 366, \"PasswordHistorySize\": 25}}}",
                "3 validation errors detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 6; Value '25' at 'policies.passwordPolicy.passwordHistorySize'"
                        + " failed to satisfy constraint: Member must have value less than or equal to 24; Value '366' at"
                        + " 'policies.passwordPolicy.temporaryPasswordValidityDays' failed to satisfy constraint: Member must have value"
                        + " less than or equal to 365");
        invalid("{\"Policies\": {\"PasswordPolicy\": {\"MinimumLength\": 100}}}",
                "1 validation error detected: Value '100' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 99");
    }

    @Test
    void wrongJsonTypeOfANestedMemberIsASerializationError() {
        refused("{\"Policies\": {\"PasswordPolicy\": {\"RequireSymbols\": \"yes\"}}}", "SerializationException",
                "Unexpected value type for member 'Policies.PasswordPolicy.RequireSymbols'.");
        refused("{\"Policies\": {\"PasswordPolicy\": {\"MinimumLength\": \"8\"}}}", "SerializationException",
                "Unexpected value type for member 'Policies.PasswordPolicy.MinimumLength'.");
        refused("{\"Policies\": {\"PasswordPolicy\": {\"MinimumLength\": 8.5}}}", "SerializationException",
                "Unexpected value type for member 'Policies.PasswordPolicy.MinimumLength'.");
        refused("{\"LambdaConfig\": {\"CustomSMSSender\": \"" + ARN + "\"}}", "SerializationException",
                "Unexpected value type for member 'LambdaConfig.CustomSMSSender'.");
        refused("{\"AccountRecoverySetting\": {\"RecoveryMechanisms\": [\"verified_email\"]}}", "SerializationException",
                "Unexpected value type for member 'AccountRecoverySetting.RecoveryMechanisms'.");
    }

    @Test
    void unknownNestedMembersAreDropped() {
        ObjectNode settings = create("{\"DeviceConfiguration\": {\"ChallengeRequiredOnNewDevice\": true, \"Surprise\": 1},"
                + " \"LambdaConfig\": {\"PreSignUp\": \"" + ARN + "\", \"PostEverything\": \"x\"}}");
        assertThat(settings.get("DeviceConfiguration").toString()).isEqualTo("{\"ChallengeRequiredOnNewDevice\":true}");
        assertThat(settings.get("LambdaConfig").toString()).isEqualTo("{\"PreSignUp\":\"" + ARN + "\"}");
    }

    @Test
    void signInPolicyNeedsKnownFactorsIncludingPassword() {
        invalid("{\"Policies\": {\"SignInPolicy\": {\"AllowedFirstAuthFactors\": [\"EMAIL_OTP\", \"CARRIER_PIGEON\"]}}}",
                "2 validation errors detected: Value 'CARRIER_PIGEON' at 'policies.signInPolicy.allowedFirstAuthFactors.member'"
                        + " failed to satisfy constraint: Member must satisfy enum value set: [PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN];"
                        + " Value '[EMAIL_OTP, CARRIER_PIGEON]' at 'policies.signInPolicy.allowedFirstAuthFactors' failed to satisfy"
                        + " constraint: Member must contain PASSWORD");
        assertThat(create("{\"Policies\": {\"SignInPolicy\": {\"AllowedFirstAuthFactors\": [\"PASSWORD\", \"WEB_AUTHN\"]}}}")
                .path("Policies").path("SignInPolicy").path("AllowedFirstAuthFactors").toString()).isEqualTo("[\"PASSWORD\",\"WEB_AUTHN\"]");
    }

    @Test
    void liteTierRefusesPasswordHistoryPasswordlessFactorsAndNewTokenTriggers() {
        refused("{\"UserPoolTier\": \"LITE\", \"Policies\": {\"PasswordPolicy\": {\"PasswordHistorySize\": 5}}}",
                "FeatureUnavailableInTierException", "Password history is not available in the LITE tier. Set UserPoolTier to ESSENTIALS or PLUS.");
        refused("{\"UserPoolTier\": \"LITE\", \"Policies\": {\"SignInPolicy\": {\"AllowedFirstAuthFactors\": [\"PASSWORD\", \"EMAIL_OTP\"]}}}",
                "FeatureUnavailableInTierException", "Sign-in with EMAIL_OTP is not available in the LITE tier. Set UserPoolTier to ESSENTIALS or PLUS.");
        refused("{\"UserPoolTier\": \"LITE\", \"LambdaConfig\": {\"PreTokenGenerationConfig\": {\"LambdaVersion\": \"V2_0\", \"LambdaArn\": \"" + ARN + "\"}}}",
                "FeatureUnavailableInTierException",
                "Pre token generation trigger version V2_0 is not available in the LITE tier. Set UserPoolTier to ESSENTIALS or PLUS.");
        assertThat(create("{\"Policies\": {\"PasswordPolicy\": {\"PasswordHistorySize\": 5}}}")
                .path("Policies").path("PasswordPolicy").path("PasswordHistorySize").asInt()).isEqualTo(5);
    }

    @Test
    void triggersTakeArnsHttpsUrlsAndHttpOnlyForAllowListedHosts() {
        ObjectNode lambda = (ObjectNode) create("{\"LambdaConfig\": {\"PreSignUp\": \"" + ARN + "\","
                + " \"PreTokenGeneration\": \"http://localhost:9000/tokens\"}}").get("LambdaConfig");
        assertThat(lambda.path("PreSignUp").asText()).isEqualTo(ARN);
        assertThat(lambda.path("PreTokenGeneration").asText()).isEqualTo("http://localhost:9000/tokens");
        assertThat(create("{\"LambdaConfig\": {\"PreSignUp\": \"https://hooks.example.com/pre-sign-up\"}}")
                .path("LambdaConfig").path("PreSignUp").asText()).isEqualTo("https://hooks.example.com/pre-sign-up");
        assertThat(create("{\"LambdaConfig\": {\"PreSignUp\": \"http://127.0.0.1:9000/pre-sign-up\"}}")
                .path("LambdaConfig").path("PreSignUp").asText()).isEqualTo("http://127.0.0.1:9000/pre-sign-up");

        invalid("{\"LambdaConfig\": {\"PreSignUp\": \"http://hooks.example.com/pre-sign-up\"}}",
                "1 validation error detected: Value 'http://hooks.example.com/pre-sign-up' at 'lambdaConfig.preSignUp' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: " + LambdaConfigRules.ARN.pattern()
                        + ", or be an https URL (http only for the hosts in cognate.triggers.allowed-http-hosts)");
        invalid("{\"LambdaConfig\": {\"PreAuthentication\": \"ftp://files.example.com/x\"}}",
                "1 validation error detected: Value 'ftp://files.example.com/x' at 'lambdaConfig.preAuthentication' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: " + LambdaConfigRules.ARN.pattern()
                        + ", or be an https URL (http only for the hosts in cognate.triggers.allowed-http-hosts)");
        invalid("{\"LambdaConfig\": {\"KMSKeyID\": \"https://kms.example.com/key\"}}",
                "1 validation error detected: Value 'https://kms.example.com/key' at 'lambdaConfig.kMSKeyID' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: " + LambdaConfigRules.ARN.pattern());
        assertThatThrownBy(() -> create("{\"LambdaConfig\": {\"DefineAuthChallenge\": \"https://a.io/x\"}}"))
                .hasMessageContaining("at 'lambdaConfig.defineAuthChallenge' failed to satisfy constraint: Member must have length greater than or equal to 20");
    }

    @Test
    void theCustomAuthenticationChallengeTriggersAreStored() {
        ObjectNode stored = create("{\"LambdaConfig\": {\"DefineAuthChallenge\": \"https://hooks.example.com/define\","
                + " \"CreateAuthChallenge\": \"https://hooks.example.com/create\", \"VerifyAuthChallengeResponse\": \"" + ARN + "\"}}");

        assertThat(stored.path("LambdaConfig").path("DefineAuthChallenge").asText()).isEqualTo("https://hooks.example.com/define");
        assertThat(stored.path("LambdaConfig").path("CreateAuthChallenge").asText()).isEqualTo("https://hooks.example.com/create");
        assertThat(stored.path("LambdaConfig").path("VerifyAuthChallengeResponse").asText()).isEqualTo(ARN);
    }

    @Test
    void triggersCognateDoesNotRunYetAreRefusedInsteadOfStoredAndSkipped() {
        for (String trigger : LambdaConfigRules.TRIGGERS.stream().filter(name -> !LambdaConfigRules.RUN.contains(name)).toList()) {
            invalid("{\"LambdaConfig\": {\"PreSignUp\": \"" + ARN + "\", \"" + trigger + "\": \"https://hooks.example.com/" + trigger + "\"}}",
                    "Cognate does not run LambdaConfig." + trigger + " yet; remove it (Cognate runs " + LambdaConfigRules.triggersRun() + ").");
        }
        invalid("{\"LambdaConfig\": {\"KMSKeyID\": \"arn:aws:kms:us-east-1:123456789012:key/k1\", \"CustomEmailSender\":"
                        + " {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \"" + ARN + "\"}}}",
                "Cognate cannot run LambdaConfig.CustomEmailSender: the operator has not configured the key it encrypts codes"
                        + " to (cognate.triggers.custom-sender.public-key).");
        assertThat(create("{\"LambdaConfig\": {\"InboundFederation\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \"" + ARN + "\"}}}")
                .path("LambdaConfig").path("InboundFederation").path("LambdaArn").asText())
                .as("federated sign-in runs InboundFederation").isEqualTo(ARN);
        assertThat(LambdaConfigRules.triggersRun()).endsWith("CustomEmailSender and InboundFederation");
        for (String version : List.of("V1_0", "V2_0", "V3_0")) {
            assertThat(create("{\"LambdaConfig\": {\"PreTokenGenerationConfig\": {\"LambdaVersion\": \"" + version + "\", \"LambdaArn\": \""
                    + ARN + "\"}}}").path("LambdaConfig").path("PreTokenGenerationConfig").path("LambdaVersion").asText())
                    .as("every PreTokenGeneration version runs").isEqualTo(version);
        }
    }

    @Test
    void customSendersRunWhenTheOperatorConfiguredTheirKeyAndStillNeedKmsKeyId() throws Exception {
        UserPoolSettingsRules withKey = new UserPoolSettingsRules(new LambdaConfigRules(List.of("localhost"), true));
        String senders = "\"CustomEmailSender\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \"" + ARN + "\"},"
                + " \"CustomSMSSender\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \"https://hooks.example.com/sms-sender\"}";

        ObjectNode settings = UserPoolSettings.forCreate(JSON.readTree("{\"LambdaConfig\": {" + senders
                + ", \"KMSKeyID\": \"arn:aws:kms:us-east-1:123456789012:key/k1\"}}"), withKey);

        assertThat(settings.path("LambdaConfig").path("CustomSMSSender").path("LambdaArn").asText()).isEqualTo("https://hooks.example.com/sms-sender");
        assertThat(settings.path("LambdaConfig").path("KMSKeyID").asText()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/k1");
        assertThatThrownBy(() -> UserPoolSettings.forCreate(JSON.readTree("{\"LambdaConfig\": {" + senders + "}}"), withKey))
                .isInstanceOf(CognitoException.class)
                .hasMessage("KMSKeyID is required when CustomSMSSender or CustomEmailSender is set.");
    }

    @Test
    void allowListIsConfigurable() {
        LambdaConfigRules rules = new LambdaConfigRules(List.of(" Triggers.Internal ", ""));
        assertThat(rules.isAllowedUrl("http://triggers.internal/pre-sign-up")).isTrue();
        assertThat(rules.isAllowedUrl("http://localhost/pre-sign-up")).isFalse();
        assertThat(rules.isAllowedUrl("https://user:pw@hooks.example.com/x")).isFalse();
        assertThat(rules.isAllowedUrl("https:///no-host")).isFalse();
    }

    @Test
    void versionedTriggersNeedVersionAndArn() {
        invalid("{\"LambdaConfig\": {\"KMSKeyID\": \"arn:aws:kms:us-east-1:123456789012:key/k1\", \"CustomEmailSender\": {\"LambdaArn\": \"" + ARN + "\"},"
                        + " \"CustomSMSSender\": {\"LambdaVersion\": \"V2_0\", \"LambdaArn\": \"" + ARN + "\"}}}",
                "2 validation errors detected: Value 'V2_0' at 'lambdaConfig.customSMSSender.lambdaVersion' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [V1_0]; Value null at 'lambdaConfig.customEmailSender.lambdaVersion'"
                        + " failed to satisfy constraint: Member must not be null");
        invalid("{\"LambdaConfig\": {\"CustomEmailSender\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \"" + ARN + "\"}}}",
                "KMSKeyID is required when CustomSMSSender or CustomEmailSender is set.");
        invalid("{\"LambdaConfig\": {\"InboundFederation\": {\"LambdaVersion\": \"V1_0\"}}}",
                "1 validation error detected: Value null at 'lambdaConfig.inboundFederation.lambdaArn' failed to satisfy constraint:"
                        + " Member must not be null");
    }

    @Test
    void preTokenGenerationAndItsVersionedConfigDescribeOneFunction() {
        JsonNode fromLegacy = create("{\"LambdaConfig\": {\"PreTokenGeneration\": \"" + ARN + "\"}}").get("LambdaConfig");
        assertThat(fromLegacy.path("PreTokenGenerationConfig").toString())
                .isEqualTo("{\"LambdaVersion\":\"V1_0\",\"LambdaArn\":\"" + ARN + "\"}");
        JsonNode fromConfig = create("{\"LambdaConfig\": {\"PreTokenGenerationConfig\": {\"LambdaVersion\": \"V1_0\","
                + " \"LambdaArn\": \"https://hooks.example.com/tokens\"}}}").get("LambdaConfig");
        assertThat(fromConfig.path("PreTokenGeneration").asText()).isEqualTo("https://hooks.example.com/tokens");
        invalid("{\"LambdaConfig\": {\"PreTokenGeneration\": \"" + ARN + "\", \"PreTokenGenerationConfig\": {\"LambdaVersion\": \"V2_0\","
                        + " \"LambdaArn\": \"https://hooks.example.com/tokens\"}}}",
                "PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function when both are set.");
    }

    @Test
    void verificationMessagesNeedTheirPlaceholdersAndLimits() {
        invalid("{\"VerificationMessageTemplate\": {\"SmsMessage\": \"no code here\", \"EmailMessageByLink\": \"click here\","
                        + " \"DefaultEmailOption\": \"CONFIRM_WITH_PIGEON\", \"EmailSubject\": \"\"}}",
                "5 validation errors detected: Value 'no code here' at 'verificationMessageTemplate.smsMessage' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*; Value '' at"
                        + " 'verificationMessageTemplate.emailSubject' failed to satisfy constraint: Member must have length greater than"
                        + " or equal to 1; Value '' at 'verificationMessageTemplate.emailSubject' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: " + UserPoolSettingsRules.EMAIL_SUBJECT.pattern() + "; Value 'click here' at 'verificationMessageTemplate.emailMessageByLink' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: " + UserPoolSettingsRules.EMAIL_MESSAGE_BY_LINK.pattern()
                        + "; Value 'CONFIRM_WITH_PIGEON' at 'verificationMessageTemplate.defaultEmailOption' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [CONFIRM_WITH_LINK, CONFIRM_WITH_CODE]");
        invalid("{\"SmsVerificationMessage\": \"{####}\", \"EmailVerificationMessage\": \"Hello\", \"SmsAuthenticationMessage\": \"code\"}",
                "4 validation errors detected: Value 'Hello' at 'emailVerificationMessage' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 6; Value 'Hello' at 'emailVerificationMessage' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: " + UserPoolSettingsRules.EMAIL_MESSAGE.pattern()
                        + "; Value 'code' at 'smsAuthenticationMessage' failed to satisfy constraint: Member must have length greater"
                        + " than or equal to 6; Value 'code' at 'smsAuthenticationMessage' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: .*\\{####\\}.*");
        JsonNode template = create("{\"VerificationMessageTemplate\": {\"EmailMessageByLink\": \"Please {##verify##} now\","
                + " \"EmailSubjectByLink\": \"Verify\"}}").get("VerificationMessageTemplate");
        assertThat(template.path("DefaultEmailOption").asText()).isEqualTo("CONFIRM_WITH_CODE");
        assertThat(template.path("EmailMessageByLink").asText()).isEqualTo("Please {##verify##} now");
    }

    @Test
    void invitationsNeedUserNameAndPasswordPlaceholders() {
        invalid("{\"AdminCreateUserConfig\": {\"InviteMessageTemplate\": {\"SMSMessage\": \"Your password is {####}\"}}}",
                "AdminCreateUserConfig.InviteMessageTemplate.SMSMessage must contain the {username} and {####} placeholders.");
        invalid("{\"AdminCreateUserConfig\": {\"UnusedAccountValidityDays\": 366, \"InviteMessageTemplate\": {\"EmailMessage\": \"Hi {username}\"}}}",
                "2 validation errors detected: Value '366' at 'adminCreateUserConfig.unusedAccountValidityDays' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 365; Value 'Hi {username}' at"
                        + " 'adminCreateUserConfig.inviteMessageTemplate.emailMessage' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: " + UserPoolSettingsRules.EMAIL_MESSAGE.pattern());
        JsonNode config = create("{\"AdminCreateUserConfig\": {\"InviteMessageTemplate\": {\"SMSMessage\": \"{username} / {####}\"}}}")
                .get("AdminCreateUserConfig");
        assertThat(config.path("AllowAdminCreateUserOnly").asBoolean(true)).isFalse();
        assertThat(config.path("UnusedAccountValidityDays").asInt()).isEqualTo(7);
    }

    @Test
    void unusedAccountValidityDaysIsTheOldNameOfTemporaryPasswordValidityDays() {
        ObjectNode old = create("{\"AdminCreateUserConfig\": {\"UnusedAccountValidityDays\": 3}}");
        assertThat(old.path("Policies").path("PasswordPolicy").path("TemporaryPasswordValidityDays").asInt()).isEqualTo(3);
        ObjectNode current = create("{\"Policies\": {\"PasswordPolicy\": {\"TemporaryPasswordValidityDays\": 2}},"
                + " \"AdminCreateUserConfig\": {\"UnusedAccountValidityDays\": 0}}");
        assertThat(current.path("AdminCreateUserConfig").path("UnusedAccountValidityDays").asInt()).isEqualTo(2);
        ObjectNode agreeing = create("{\"Policies\": {\"PasswordPolicy\": {\"TemporaryPasswordValidityDays\": 2}},"
                + " \"AdminCreateUserConfig\": {\"UnusedAccountValidityDays\": 2}}");
        assertThat(agreeing.path("Policies").path("PasswordPolicy").path("TemporaryPasswordValidityDays").asInt())
                .as("a DescribeUserPool answer given back to CreateUserPool").isEqualTo(2);
        invalid("{\"Policies\": {\"PasswordPolicy\": {\"TemporaryPasswordValidityDays\": 2}}, \"AdminCreateUserConfig\": {\"UnusedAccountValidityDays\": 5}}",
                "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays");
    }

    @Test
    void recoveryMechanismsAreOneOrTwoDistinctOnesWithAdminOnlyAlone() {
        invalid("{\"AccountRecoverySetting\": {\"RecoveryMechanisms\": [{\"Priority\": 3, \"Name\": \"carrier_pigeon\"}, {\"Name\": \"verified_email\"}]}}",
                "3 validation errors detected: Value '3' at 'accountRecoverySetting.recoveryMechanisms.1.member.priority' failed to"
                        + " satisfy constraint: Member must have value less than or equal to 2; Value 'carrier_pigeon' at"
                        + " 'accountRecoverySetting.recoveryMechanisms.1.member.name' failed to satisfy constraint: Member must satisfy"
                        + " enum value set: [verified_email, verified_phone_number, admin_only]; Value null at"
                        + " 'accountRecoverySetting.recoveryMechanisms.2.member.priority' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> create("{\"AccountRecoverySetting\": {\"RecoveryMechanisms\": []}}"))
                .hasMessageContaining("at 'accountRecoverySetting.recoveryMechanisms' failed to satisfy constraint: Member must have length greater than or equal to 1");
        invalid("{\"AccountRecoverySetting\": {\"RecoveryMechanisms\": [{\"Priority\": 1, \"Name\": \"verified_email\"},"
                        + " {\"Priority\": 2, \"Name\": \"verified_phone_number\"}, {\"Priority\": 2, \"Name\": \"admin_only\"}]}}",
                "1 validation error detected: Value '[{\"Priority\":1,\"Name\":\"verified_email\"}, {\"Priority\":2,\"Name\":"
                        + "\"verified_phone_number\"}, {\"Priority\":2,\"Name\":\"admin_only\"}]' at 'accountRecoverySetting.recoveryMechanisms'"
                        + " failed to satisfy constraint: Member must have length less than or equal to 2");
        invalid("{\"AccountRecoverySetting\": {\"RecoveryMechanisms\": [{\"Priority\": 1, \"Name\": \"admin_only\"}, {\"Priority\": 2, \"Name\": \"verified_email\"}]}}",
                "The admin_only recovery mechanism cannot be combined with another recovery mechanism.");
        invalid("{\"AccountRecoverySetting\": {\"RecoveryMechanisms\": [{\"Priority\": 1, \"Name\": \"verified_phone_number\"}, {\"Priority\": 1, \"Name\": \"verified_email\"}]}}",
                "Each RecoveryMechanisms entry of AccountRecoverySetting must have a distinct Priority.");
        invalid("{\"AccountRecoverySetting\": {\"RecoveryMechanisms\": [{\"Priority\": 1, \"Name\": \"verified_email\"}, {\"Priority\": 2, \"Name\": \"verified_email\"}]}}",
                "Each RecoveryMechanisms entry of AccountRecoverySetting must have a distinct Name.");
        assertThat(create("{\"AccountRecoverySetting\": {}}").get("AccountRecoverySetting").toString()).isEqualTo("{}");
    }

    @Test
    void emailConfigurationShapesAndSendingAccountRules() {
        invalid("{\"EmailConfiguration\": {\"SourceArn\": \"ses:identity/me@example.com\", \"ReplyToEmailAddress\": \"nobody\","
                        + " \"EmailSendingAccount\": \"SOMEONE_ELSE\", \"ConfigurationSet\": \"bad set\"}}",
                "4 validation errors detected: Value 'ses:identity/me@example.com' at 'emailConfiguration.sourceArn' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: " + LambdaConfigRules.ARN.pattern()
                        + "; Value 'nobody' at 'emailConfiguration.replyToEmailAddress' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: " + UserPoolSettingsRules.EMAIL_ADDRESS.pattern()
                        + "; Value 'SOMEONE_ELSE' at 'emailConfiguration.emailSendingAccount' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [COGNITO_DEFAULT, DEVELOPER]; Value 'bad set' at 'emailConfiguration.configurationSet'"
                        + " failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_-]+$");
        invalid("{\"EmailConfiguration\": {\"EmailSendingAccount\": \"DEVELOPER\"}}",
                "SourceArn is required in EmailConfiguration when EmailSendingAccount is DEVELOPER.");
        invalid("{\"EmailConfiguration\": {\"From\": \"Me <me@example.com>\"}}",
                "Cannot configure From email address for default email configuration");
        assertThat(create("{\"EmailConfiguration\": {\"ReplyToEmailAddress\": \"help@example.com\"}}").get("EmailConfiguration").toString())
                .isEqualTo("{\"ReplyToEmailAddress\":\"help@example.com\",\"EmailSendingAccount\":\"COGNITO_DEFAULT\"}");
    }

    @Test
    void smsConfigurationNeedsCallerArnAndMfaNeedsSms() {
        invalid("{\"SmsConfiguration\": {\"ExternalId\": \"x\", \"SnsRegion\": \"mars\"}}",
                "3 validation errors detected: Value null at 'smsConfiguration.snsCallerArn' failed to satisfy constraint: Member must"
                        + " not be null; Value 'mars' at 'smsConfiguration.snsRegion' failed to satisfy constraint: Member must have length"
                        + " greater than or equal to 5; Value 'mars' at 'smsConfiguration.snsRegion' failed to satisfy constraint: Member"
                        + " must satisfy regular expression pattern: [a-z]+-[a-z]+-\\d{1}");
        invalid("{\"MfaConfiguration\": \"OPTIONAL\"}",
                "SMS configuration and Auto verification for phone_number are required when MFA is required/optional");
        assertThat(create("{\"MfaConfiguration\": \"ON\", \"SmsConfiguration\": {\"SnsCallerArn\": \"" + SNS_ROLE + "\", \"SnsRegion\": \"eu-west-1\"}}")
                .path("MfaConfiguration").asText()).isEqualTo("ON");
    }

    @Test
    void attributesRequiringVerificationMustBeAutoVerified() {
        invalid("{\"AutoVerifiedAttributes\": [\"email\"], \"UserAttributeUpdateSettings\": {\"AttributesRequireVerificationBeforeUpdate\": [\"phone_number\"]}}",
                "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes");
        invalid("{\"UserAttributeUpdateSettings\": {\"AttributesRequireVerificationBeforeUpdate\": [\"address\"]}}",
                "1 validation error detected: Value 'address' at 'userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate.member'"
                        + " failed to satisfy constraint: Member must satisfy enum value set: [phone_number, email]");
        assertThat(create("{\"AutoVerifiedAttributes\": [\"email\"], \"UserAttributeUpdateSettings\": {\"AttributesRequireVerificationBeforeUpdate\": [\"email\"]}}")
                .path("UserAttributeUpdateSettings").toString()).isEqualTo("{\"AttributesRequireVerificationBeforeUpdate\":[\"email\"]}");
    }

    @Test
    void addOnsUsernameConfigurationAndDevices() {
        invalid("{\"UserPoolAddOns\": {\"AdvancedSecurityAdditionalFlows\": {\"CustomAuthMode\": \"OFF\"}}, \"UsernameConfiguration\": {}}",
                "3 validation errors detected: Value null at 'userPoolAddOns.advancedSecurityMode' failed to satisfy constraint: Member"
                        + " must not be null; Value 'OFF' at 'userPoolAddOns.advancedSecurityAdditionalFlows.customAuthMode' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [AUDIT, ENFORCED]; Value null at"
                        + " 'usernameConfiguration.caseSensitive' failed to satisfy constraint: Member must not be null");
        refused("{\"UserPoolAddOns\": {\"AdvancedSecurityMode\": \"ENFORCED\"}}", "FeatureUnavailableInTierException",
                "Threat protection (UserPoolAddOns) is available only in the PLUS tier. Set UserPoolTier to PLUS.");
        assertThat(create("{\"UserPoolTier\": \"PLUS\", \"UserPoolAddOns\": {\"AdvancedSecurityMode\": \"AUDIT\"}}").path("UserPoolAddOns").toString())
                .isEqualTo("{\"AdvancedSecurityMode\":\"AUDIT\"}");
        assertThat(create("{\"UserPoolAddOns\": {\"AdvancedSecurityMode\": \"OFF\"}}").path("UserPoolAddOns").toString())
                .isEqualTo("{\"AdvancedSecurityMode\":\"OFF\"}");
        refused("{\"DeviceConfiguration\": {\"DeviceOnlyRememberedOnUserPrompt\": 1}}", "SerializationException",
                "Unexpected value type for member 'DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt'.");
    }
}
