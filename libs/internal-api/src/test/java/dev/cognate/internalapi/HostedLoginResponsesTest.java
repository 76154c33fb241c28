package dev.cognate.internalapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON shape of the contract's answers, as both services' default Jackson mappers write and read it. */
class HostedLoginResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSignedInStepCarriesOnlyTheUser() throws Exception {
        String json = JSON.writeValueAsString(HostedLoginResponses.SignInStep.done(
                new HostedLoginResponses.SignedInUser("sub-1", "alice", 1700000000L)));

        assertThat(json).isEqualTo("{\"signedIn\":{\"sub\":\"sub-1\",\"username\":\"alice\",\"authTime\":1700000000}}");
        HostedLoginResponses.SignInStep read = JSON.readValue(json, HostedLoginResponses.SignInStep.class);
        assertThat(read.completed()).isTrue();
        assertThat(read.parameters()).isEmpty();
    }

    @Test
    void aChallengeStepCarriesNameSessionAndParameters() throws Exception {
        var step = HostedLoginResponses.SignInStep.challenge("NEW_PASSWORD_REQUIRED", "opaque", Map.of("USER_ID_FOR_SRP", "bob"));

        var read = JSON.readValue(JSON.writeValueAsString(step), HostedLoginResponses.SignInStep.class);

        assertThat(read).isEqualTo(step);
        assertThat(read.completed()).isFalse();
    }

    @Test
    void codeDeliveryDetailsUseCognitosMemberNamesAndUnknownMembersAreIgnored() throws Exception {
        var read = JSON.readValue("{\"codeDeliveryDetails\":{\"Destination\":\"a***@e***\",\"DeliveryMedium\":\"EMAIL\","
                + "\"AttributeName\":\"email\"},\"later\":1}", HostedLoginResponses.CodeDeliveryResult.class);

        assertThat(read.codeDeliveryDetails()).isEqualTo(new HostedLoginResponses.CodeDeliveryDetails("a***@e***", "EMAIL", "email"));
        assertThat(JSON.writeValueAsString(new HostedLoginResponses.ImplicitTokens("a", null, "Bearer", 3600)))
                .as("no id_token without openid").isEqualTo("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }
}
