package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AddCustomAttributes through the AWS SDK for Java v2, read back with DescribeUserPool's SchemaAttributes. */
@QuarkusTest
class AddCustomAttributesTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("schema");
    }

    @Test
    void addsCustomAttributesWithThePrefixAndCognitoDefaults() {
        cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(
                SchemaAttributeType.builder().name("tier").attributeDataType(AttributeDataType.STRING)
                        .stringAttributeConstraints(c -> c.minLength("1").maxLength("32")).build(),
                SchemaAttributeType.builder().name("score").attributeDataType(AttributeDataType.NUMBER).mutable(false)
                        .numberAttributeConstraints(c -> c.minValue("0").maxValue("100")).build()));

        List<SchemaAttributeType> schema = schema();
        SchemaAttributeType tier = attribute(schema, "custom:tier");
        assertThat(tier.attributeDataType()).isEqualTo(AttributeDataType.STRING);
        assertThat(tier.mutable()).isTrue();
        assertThat(tier.developerOnlyAttribute()).isFalse();
        assertThat(tier.required()).isFalse();
        assertThat(tier.stringAttributeConstraints().maxLength()).isEqualTo("32");
        SchemaAttributeType score = attribute(schema, "custom:score");
        assertThat(score.mutable()).isFalse();
        assertThat(score.numberAttributeConstraints().maxValue()).isEqualTo("100");
    }

    @Test
    void keepsAddedAttributesAcrossUpdateUserPool() {
        cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name("plan").attributeDataType(AttributeDataType.BOOLEAN)));
        cognito.updateUserPool(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OFF));

        assertThat(attribute(schema(), "custom:plan").attributeDataType()).isEqualTo(AttributeDataType.BOOLEAN);
    }

    @Test
    void rejectsAnAttributeThatExistsAndAddsNothingOfTheRequest() {
        cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name("tier")));

        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(
                SchemaAttributeType.builder().name("fresh").build(), SchemaAttributeType.builder().name("tier").build())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Existing attribute already has name custom:tier.");
        assertThat(schema()).extracting(SchemaAttributeType::name).doesNotContain("custom:fresh");
    }

    @Test
    void refusesMoreThanFiftyCustomAttributesPerPool() {
        for (int batch = 0; batch < 2; batch++) {
            int from = batch * 25;
            List<SchemaAttributeType> attributes = new ArrayList<>();
            for (int i = from; i < from + 25; i++) {
                attributes.add(SchemaAttributeType.builder().name("a" + i).build());
            }
            cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(attributes));
        }
        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name("a50"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at most 50 custom attributes");
        assertThat(schema()).filteredOn(a -> a.name().startsWith("custom:")).hasSize(50);
    }

    @Test
    void rejectsRequiredCustomAttributesAndInvalidMembers() {
        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name("must").required(true))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Required custom attributes are not supported currently.");
        String longName = "n".repeat(21);
        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name(longName).attributeDataType("Blob"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("2 validation errors detected: ")
                .hasMessageContaining("Value '" + longName + "' at 'customAttributes.member.name' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 20")
                .hasMessageContaining("Value 'Blob' at 'customAttributes.member.attributeDataType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [String, Number, DateTime, Boolean]");
        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name("big")
                        .stringAttributeConstraints(c -> c.maxLength("4096")))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("MaxLength <= 2048");
        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name("range")
                        .attributeDataType(AttributeDataType.NUMBER).numberAttributeConstraints(c -> c.minValue("10").maxValue("1")))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("MinValue must not be greater than MaxValue");
        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(List.of())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'customAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1");
        assertThat(schema()).noneMatch(a -> a.name().startsWith("custom:"));
    }

    @Test
    void answersResourceNotFoundForAnUnknownPool() {
        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId("us-east-1_Nope12345").customAttributes(a -> a.name("x"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool us-east-1_Nope12345 does not exist.");
    }

    @Test
    void publishesPoolUpdatedForEachAcceptedCall() {
        cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name("one")));
        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name("one"))))
                .isInstanceOf(InvalidParameterException.class);

        assertThat(OutboxRows.forPool(db, poolId, "userPoolId")).extracting(OutboxRows.Row::type)
                .containsExactly(UserPoolEvents.POOL_CREATED.name(), UserPoolEvents.POOL_UPDATED.name());
    }

    private List<SchemaAttributeType> schema() {
        return cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().schemaAttributes();
    }

    private static SchemaAttributeType attribute(List<SchemaAttributeType> schema, String name) {
        return schema.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + schema));
    }
}
