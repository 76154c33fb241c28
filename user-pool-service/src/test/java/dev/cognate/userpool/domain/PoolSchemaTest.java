package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.validation.UserAttributeRules;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void materialisesTheStandardAttributesInCognitosOrder() {
        PoolSchema schema = PoolSchema.forCreate(null);
        assertThat(schema.all()).extracting(AttributeDefinition::name).startsWith("sub", "name", "given_name").contains("email_verified",
                "updated_at", "identities").hasSize(21);
        JsonNode sub = schema.toWire().get(0);
        assertThat(sub.toString()).isEqualTo("{\"Name\":\"sub\",\"AttributeDataType\":\"String\",\"DeveloperOnlyAttribute\":false,"
                + "\"Mutable\":false,\"Required\":true,\"StringAttributeConstraints\":{\"MinLength\":\"1\",\"MaxLength\":\"2048\"}}");
        assertThat(schema.required()).extracting(AttributeDefinition::name).containsExactly("sub");
    }

    @Test
    void appliesOverridesOfStandardAttributesAndPrefixesCustomOnes() throws Exception {
        PoolSchema schema = PoolSchema.forCreate(json("[{\"Name\":\"email\",\"Required\":true,\"Mutable\":false},"
                + "{\"Name\":\"tier\",\"AttributeDataType\":\"String\",\"StringAttributeConstraints\":{\"MaxLength\":\"8\"}}]"));
        assertThat(schema.find("email").orElseThrow()).satisfies(email -> {
            assertThat(email.required()).isTrue();
            assertThat(email.mutable()).isFalse();
        });
        assertThat(schema.find("custom:tier").orElseThrow().maxLength()).isEqualTo(8);
        assertThat(PoolSchema.of(JSON.createObjectNode().set("SchemaAttributes", schema.toWire())).find("custom:tier")).isPresent();
    }

    @Test
    void refusesWhatCognitoRefuses() throws Exception {
        assertThatThrownBy(() -> PoolSchema.forCreate(json("[{\"Name\":\"tier\",\"Required\":true}]")))
                .isInstanceOf(CognitoException.class).hasMessage("Required custom attributes are not supported currently.");
        assertThatThrownBy(() -> PoolSchema.forCreate(json("[{\"Name\":\"email\",\"AttributeDataType\":\"Number\"}]")))
                .hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> PoolSchema.forCreate(json("[{\"Name\":\"t\"},{\"Name\":\"t\"}]")))
                .hasMessage("Existing attribute already has name custom:t.");
        assertThatThrownBy(() -> PoolSchema.forCreate(null).withCustomAttributes(java.util.Collections.nCopies(51,
                new AttributeDefinition("custom:x", "String", false, true, false, 0, 2048, null, null))))
                .hasMessageContaining("Existing attribute already has name custom:x.");
    }

    @Test
    void userAttributeRulesCheckTypesConstraintsAndVerificationFlags() throws Exception {
        PoolSchema schema = PoolSchema.forCreate(json("[{\"Name\":\"age\",\"AttributeDataType\":\"Number\","
                + "\"NumberAttributeConstraints\":{\"MinValue\":\"18\"}},{\"Name\":\"vip\",\"AttributeDataType\":\"Boolean\"}]"));
        UserAttributeRules rules = new UserAttributeRules(schema);
        assertThat(rules.forCreate(Map.of("custom:age", "30", "custom:vip", "true"))).containsEntry("custom:age", "30");
        assertThatThrownBy(() -> rules.forCreate(Map.of("custom:age", "17")))
                .hasMessage("Attributes did not conform to the schema: custom:age: Number must be greater than or equal to 18.");
        assertThatThrownBy(() -> rules.forCreate(Map.of("custom:vip", "yes")))
                .hasMessage("Attributes did not conform to the schema: custom:vip: The attribute is not a valid boolean.");
        assertThat(rules.forUpdate(Map.of("email", "a@example.com", "email_verified", "true"), Map.of("email", "b@example.com")))
                .containsEntry("email_verified", "false");
        assertThat(rules.forUpdate(Map.of("email", "a@example.com", "email_verified", "true"),
                Map.of("email", "b@example.com", "email_verified", "true"))).containsEntry("email_verified", "true");
        assertThat(rules.forDelete(Map.of("phone_number", "+15555550100", "phone_number_verified", "true"), java.util.List.of("phone_number")))
                .isEmpty();
    }
}
