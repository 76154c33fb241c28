package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;

import java.util.List;

import static dev.cognate.userpool.compat.AdminUsersTest.attribute;
import static dev.cognate.userpool.compat.AdminUsersTest.attributes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beyond Cognito, {@code CognateAdmin.UpdateUserPoolSchema}: a required attribute made optional, constraints
 * changed, a custom attribute removed with the users' data, and every change users' values would break
 * refused without changing anything.
 */
@QuarkusTest
class UpdateUserPoolSchemaTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPoolWithUsers() {
        poolId = cognito.createUserPool(r -> r.poolName("schema-change " + unique()).schema(
                SchemaAttributeType.builder().name("email").required(true).build(),
                SchemaAttributeType.builder().name("legacy").attributeDataType("String").build(),
                SchemaAttributeType.builder().name("code").attributeDataType("String")
                        .stringAttributeConstraints(c -> c.minLength("1").maxLength("10")).build(),
                SchemaAttributeType.builder().name("level").attributeDataType("Number").build())).userPool().id();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("una").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attribute("email", "una@example.com"), attribute("custom:legacy", "old"), attribute("custom:code", "ABCDEFGH"),
                        attribute("custom:level", "7")));
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("vic").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attribute("email", "vic@example.com"), attribute("custom:legacy", "older")));
    }

    private Response update(String body) {
        return SignedJson.callTarget(endpoint, "CognateAdmin.UpdateUserPoolSchema", body);
    }

    private SchemaAttributeType schemaAttribute(String name) {
        return cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().schemaAttributes().stream()
                .filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void makesARequiredAttributeOptionalSoUsersWithoutItCanBeCreated() {
        Response response = update("{\"UserPoolId\":\"" + poolId + "\",\"AttributeUpdates\":[{\"Name\":\"email\",\"Required\":false}]}");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(schemaAttribute("email").required()).isFalse();

        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("walt").messageAction(MessageActionType.SUPPRESS));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("walt")).username()).isEqualTo("walt");
    }

    @Test
    void removesACustomAttributeFromTheSchemaAndFromEveryUser() {
        Response response = update("{\"UserPoolId\":\"" + poolId + "\",\"AttributesToRemove\":[\"custom:legacy\"]}");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getLong("UsersChanged")).isEqualTo(2);

        assertThat(schemaAttribute("custom:legacy")).isNull();
        assertThat(attributes(cognito.adminGetUser(r -> r.userPoolId(poolId).username("una")).userAttributes()))
                .doesNotContainKey("custom:legacy").containsKey("custom:code");
        assertThat(cognito.listUsers(r -> r.userPoolId(poolId).filter("custom:legacy ^= \"o\"")).users()).isEmpty();
        assertThat(OutboxRows.forPool(db, poolId, "usersChanged")).extracting(OutboxRows.Row::type, OutboxRows.Row::subjectOfData)
                .contains(org.assertj.core.groups.Tuple.tuple(UserPoolEvents.POOL_SCHEMA_UPDATED.name(), "2"));
    }

    @Test
    void widensAndNarrowsConstraintsOnlyWhereEveryValueStillFits() {
        Response narrow = update("{\"UserPoolId\":\"" + poolId + "\",\"AttributeUpdates\":[{\"Name\":\"custom:code\","
                + "\"StringAttributeConstraints\":{\"MinLength\":\"1\",\"MaxLength\":\"4\"}}]}");
        assertThat(narrow.statusCode()).isEqualTo(400);
        assertThat(narrow.jsonPath().getString("__type")).isEqualTo("InvalidParameterException");
        assertThat(narrow.jsonPath().getString("message")).isEqualTo("Cannot change the constraints of custom:code: 1 users have values outside them.");
        assertThat(schemaAttribute("custom:code").stringAttributeConstraints().maxLength()).isEqualTo("10");

        Response widen = update("{\"UserPoolId\":\"" + poolId + "\",\"AttributeUpdates\":[{\"Name\":\"custom:code\","
                + "\"StringAttributeConstraints\":{\"MinLength\":\"1\",\"MaxLength\":\"64\"}},"
                + "{\"Name\":\"custom:level\",\"NumberAttributeConstraints\":{\"MinValue\":\"0\",\"MaxValue\":\"9\"}}]}");
        assertThat(widen.statusCode()).as(widen.asString()).isEqualTo(200);
        assertThat(schemaAttribute("custom:code").stringAttributeConstraints().maxLength()).isEqualTo("64");
        assertThat(schemaAttribute("custom:level").numberAttributeConstraints().maxValue()).isEqualTo("9");

        Response range = update("{\"UserPoolId\":\"" + poolId + "\",\"AttributeUpdates\":[{\"Name\":\"custom:level\","
                + "\"NumberAttributeConstraints\":{\"MinValue\":\"10\"}}]}");
        assertThat(range.jsonPath().getString("message")).isEqualTo("Cannot change the constraints of custom:level: 1 users have values outside them.");
    }

    @Test
    void refusesToRequireAnAttributeSomeUsersLackAndChangesNothing() {
        Response response = update("{\"UserPoolId\":\"" + poolId + "\",\"AttributeUpdates\":[{\"Name\":\"given_name\",\"Required\":true}],"
                + "\"AttributesToRemove\":[\"custom:legacy\"]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("message")).isEqualTo("Cannot make given_name required: 2 users have no value for it.");
        assertThat(schemaAttribute("custom:legacy")).as("the removal in the same request did not happen").isNotNull();
        assertThat(attributes(cognito.adminGetUser(r -> r.userPoolId(poolId).username("vic")).userAttributes()))
                .containsEntry("custom:legacy", "older");
    }

    @Test
    void refusesToRemoveAnAttributeAClientStillReads() {
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("reader").readAttributes("custom:legacy"))
                .userPoolClient().clientId();
        Response response = update("{\"UserPoolId\":\"" + poolId + "\",\"AttributesToRemove\":[\"custom:legacy\"]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("message")).isEqualTo("custom:legacy is still used by app client " + clientId
                + "; remove it there first.");
    }

    @Test
    void refusesMalformedRequestsAndUnknownOrStandardAttributes() {
        for (String body : List.of(
                "{\"UserPoolId\":\"" + poolId + "\"}",
                "{\"UserPoolId\":\"" + poolId + "\",\"AttributesToRemove\":[\"email\"]}",
                "{\"UserPoolId\":\"" + poolId + "\",\"AttributesToRemove\":[\"custom:nope\"]}",
                "{\"UserPoolId\":\"" + poolId + "\",\"AttributeUpdates\":[{\"Name\":\"sub\",\"Mutable\":true}]}",
                "{\"UserPoolId\":\"" + poolId + "\",\"AttributeUpdates\":[{\"Name\":\"custom:level\",\"AttributeDataType\":\"String\"}]}",
                "{\"UserPoolId\":\"" + poolId + "\",\"AttributeUpdates\":[{\"Name\":\"custom:code\",\"Required\":true}]}",
                "{\"UserPoolId\":\"" + poolId + "\",\"AttributeUpdates\":[{\"Name\":\"custom:code\"}],\"AttributesToRemove\":[\"custom:code\"]}")) {
            Response response = update(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.jsonPath().getString("__type")).as(body).isEqualTo("InvalidParameterException");
        }
        Response unknownPool = update("{\"UserPoolId\":\"us-east-1_Nope12345\",\"AttributesToRemove\":[\"custom:legacy\"]}");
        assertThat(unknownPool.jsonPath().getString("__type")).isEqualTo("ResourceNotFoundException");
        assertThat(schemaAttribute("custom:legacy")).isNotNull();
    }
}
