package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.MessageTemplates;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the CustomMessage and UserMigration answers are read, member by member, with exact values. */
class TriggerAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MessageTemplates.Rendered SMS_DEFAULT = new MessageTemplates.Rendered(null, "Your verification code is {####}.");
    private static final MessageTemplates.Rendered EMAIL_DEFAULT = new MessageTemplates.Rendered("Your verification code", "Code: {####}");

    private static JsonNode answer(String response) throws Exception {
        return JSON.readTree("{\"response\": " + response + "}");
    }

    @Test
    void customMessagesAreUsedPerMediumOnlyWithTheirPlaceholders() throws Exception {
        CustomMessageTrigger.Custom custom = CustomMessageTrigger.customOf("CustomMessage_SignUp",
                answer("{\"smsMessage\": \"SMS {####}\", \"emailMessage\": \"no code\", \"emailSubject\": \"  \"}"));

        assertThat(custom.apply("SMS", SMS_DEFAULT, "ana")).isEqualTo(new MessageTemplates.Rendered(null, "SMS {####}"));
        assertThat(custom.apply("EMAIL", EMAIL_DEFAULT, "ana")).as("no code in the email, a blank subject: the pool's texts")
                .isEqualTo(EMAIL_DEFAULT);
        assertThat(CustomMessageTrigger.customOf("CustomMessage_SignUp", answer("null")).apply("EMAIL", EMAIL_DEFAULT, "ana"))
                .isEqualTo(EMAIL_DEFAULT);
    }

    @Test
    void adminCreateUserMessagesNeedTheUsernamePlaceholderWhichIsFilled() throws Exception {
        CustomMessageTrigger.Custom custom = CustomMessageTrigger.customOf("CustomMessage_AdminCreateUser",
                answer("{\"smsMessage\": \"{username} / {####}\", \"emailMessage\": \"only {####}\", \"emailSubject\": \"Hi\"}"));

        assertThat(custom.apply("SMS", SMS_DEFAULT, "bo").message()).isEqualTo("bo / {####}");
        assertThat(custom.apply("EMAIL", EMAIL_DEFAULT, "bo")).isEqualTo(new MessageTemplates.Rendered("Hi", "Code: {####}"));
    }

    @Test
    void customMessageMembersOfAnotherTypeAreUnrecognizable() {
        for (String bad : List.of("\"text\"", "{\"emailMessage\": 1}", "{\"emailSubject\": []}", "{\"smsMessage\": true}")) {
            assertThatThrownBy(() -> CustomMessageTrigger.customOf("CustomMessage_SignUp", answer(bad)))
                    .isInstanceOfSatisfying(CognitoException.class, e -> assertThat(e.type()).isEqualTo("InvalidLambdaResponseException"));
        }
    }

    @Test
    void aMigrationAnswerDefaultsToConfirmedWithTheWelcomeMessageBySms() throws Exception {
        UserMigrationTrigger.Migrated migrated = UserMigrationTrigger.migratedOf(answer("{\"userAttributes\": {\"email\": \"a@example.com\"},"
                + " \"finalUserStatus\": null, \"messageAction\": null, \"desiredDeliveryMediums\": null, \"forceAliasCreation\": null,"
                + " \"enableSMSMFA\": false}"));

        assertThat(migrated).isEqualTo(new UserMigrationTrigger.Migrated(Map.of("email", "a@example.com"), "CONFIRMED", false, List.of(), false));
        assertThat(UserMigrationTrigger.migratedOf(answer("{\"userAttributes\": {\"email\": \"a@example.com\"}, \"finalUserStatus\":"
                + " \"RESET_REQUIRED\", \"messageAction\": \"SUPPRESS\", \"desiredDeliveryMediums\": [\"EMAIL\", \"SMS\"],"
                + " \"forceAliasCreation\": true}")))
                .isEqualTo(new UserMigrationTrigger.Migrated(Map.of("email", "a@example.com"), "RESET_REQUIRED", true, List.of("EMAIL", "SMS"), true));
    }

    @Test
    void smsMfaForAMigratedUserNeedsAPhoneNumber() throws Exception {
        assertThat(UserMigrationTrigger.migratedOf(answer("{\"userAttributes\": {\"phone_number\": \"+15555550100\"},"
                + " \"enableSMSMFA\": true}")).enableSmsMfa()).isTrue();
        assertThatThrownBy(() -> UserMigrationTrigger.migratedOf(answer("{\"userAttributes\": {\"email\": \"a@example.com\"},"
                + " \"enableSMSMFA\": true}")))
                .isInstanceOfSatisfying(CognitoException.class, e -> {
                    assertThat(e.type()).isEqualTo("InvalidLambdaResponseException");
                    assertThat(e.getMessage()).isEqualTo("UserMigration asked to enable SMS MFA for a user without a phone_number.");
                });
        assertThatThrownBy(() -> UserMigrationTrigger.migratedOf(answer("{\"userAttributes\": {\"email\": \"a@example.com\"},"
                + " \"forceAliasCreation\": \"yes\"}")))
                .isInstanceOfSatisfying(CognitoException.class, e -> assertThat(e.getMessage()).isEqualTo("Unrecognizable lambda output"));
    }
}
