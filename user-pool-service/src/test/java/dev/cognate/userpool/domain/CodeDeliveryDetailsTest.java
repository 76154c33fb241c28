package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CodeDeliveryDetailsTest {

    @Test
    void masksEmailsLikeCognito() {
        assertThat(CodeDeliveryDetails.to("email", "alice@example.com"))
                .isEqualTo(new CodeDeliveryDetails("a***@e***", "EMAIL", "email"));
        assertThat(CodeDeliveryDetails.maskEmail("Bob.Smith+tag@Mail.Example.org")).isEqualTo("B***@M***");
        assertThat(CodeDeliveryDetails.maskEmail("x@y")).isEqualTo("x***@y***");
        assertThat(CodeDeliveryDetails.maskEmail("élodie@école.fr")).isEqualTo("é***@é***");
    }

    @Test
    void masksPhoneNumbersToTheirLastFourDigits() {
        assertThat(CodeDeliveryDetails.to("phone_number", "+15555550100"))
                .isEqualTo(new CodeDeliveryDetails("+*******0100", "SMS", "phone_number"));
        assertThat(CodeDeliveryDetails.maskPhone("+441234")).isEqualTo("+**1234");
        assertThat(CodeDeliveryDetails.maskPhone("+1234")).isEqualTo("+1234");
    }

    @Test
    void picksTheRecoveryDestinationByPriorityAmongVerifiedAttributes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AccountRecovery emailFirst = AccountRecovery.of(json.readTree("""
                {"AccountRecoverySetting": {"RecoveryMechanisms": [
                  {"Name": "verified_phone_number", "Priority": 2}, {"Name": "verified_email", "Priority": 1}]}}"""));
        assertThat(emailFirst.attributes()).containsExactly("email", "phone_number");
        User both = user(Map.of("email", "a@b.c", "email_verified", "true", "phone_number", "+15555550100", "phone_number_verified", "true"));
        User phoneOnly = user(Map.of("email", "a@b.c", "phone_number", "+15555550100", "phone_number_verified", "true"));
        assertThat(emailFirst.destinationOf(both)).contains("email");
        assertThat(emailFirst.destinationOf(phoneOnly)).contains("phone_number");
        assertThat(AccountRecovery.of(json.readTree("{}")).destinationOf(both)).as("legacy: phone first").contains("phone_number");
        AccountRecovery adminOnly = AccountRecovery.of(json.readTree("""
                {"AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]}}"""));
        assertThat(adminOnly.adminOnly()).isTrue();
        assertThat(adminOnly.destinationOf(both)).isEmpty();
        assertThat(AutoVerification.of(json.readTree("{\"AutoVerifiedAttributes\": [\"email\", \"phone_number\"]}")).attributes())
                .as("SMS first when both are auto-verified").isEqualTo(List.of("phone_number", "email"));
    }

    private static User user(Map<String, String> attributes) {
        return new User("pool", UUID.randomUUID(), "u", UserStatus.CONFIRMED, true, attributes, null, null, null, null, null, null, null);
    }
}
