package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.trigger.PreTokenGenerationTrigger.Source;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cognito's PreTokenGeneration events, whole and exact, for each version, and what an answer changes in claims already
 * built: the reserved claims untouched, suppress beating add, scopes in order, malformed answers refused.
 */
class PreTokenGenerationEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL = "eu-west-1_AbCdEfGhI";

    private static ObjectNode idClaims() throws Exception {
        return (ObjectNode) JSON.readTree("{\"sub\": \"s-1\", \"cognito:groups\": [\"staff\"], \"cognito:roles\": [\"arn:aws:iam::1:role/r\"],"
                + " \"cognito:preferred_role\": \"arn:aws:iam::1:role/r\"}");
    }

    private static Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", "s-1");
        attributes.put("email", "ana@example.com");
        attributes.put("cognito:user_status", "CONFIRMED");
        return attributes;
    }

    @Test
    void version1EventHasNoScopesAndAnEmptyV1Response() throws Exception {
        var request = new PreTokenGenerationTrigger.Request(Source.AUTHENTICATION, "ana", "client1", attributes(), idClaims(),
                List.of("aws.cognito.signin.user.admin"), null);

        assertThat(PreTokenGenerationTrigger.event(POOL, "V1_0", request).toString()).isEqualTo("{\"version\":\"1\","
                + "\"triggerSource\":\"TokenGeneration_Authentication\",\"region\":\"eu-west-1\",\"userPoolId\":\"" + POOL + "\","
                + "\"userName\":\"ana\",\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"client1\"},"
                + "\"request\":{\"userAttributes\":{\"sub\":\"s-1\",\"email\":\"ana@example.com\",\"cognito:user_status\":\"CONFIRMED\"},"
                + "\"groupConfiguration\":{\"groupsToOverride\":[\"staff\"],\"iamRolesToOverride\":[\"arn:aws:iam::1:role/r\"],"
                + "\"preferredRole\":\"arn:aws:iam::1:role/r\"}},\"response\":{\"claimsOverrideDetails\":null}}");
    }

    @Test
    void version2EventAddsTheScopesAndTheClientMetadata() throws Exception {
        var request = new PreTokenGenerationTrigger.Request(Source.REFRESH_TOKENS, "ana", "client1", attributes(), idClaims(),
                List.of("openid", "api/read"), Map.of("k", "v"));

        assertThat(PreTokenGenerationTrigger.event(POOL, "V2_0", request).toString()).isEqualTo("{\"version\":\"2\","
                + "\"triggerSource\":\"TokenGeneration_RefreshTokens\",\"region\":\"eu-west-1\",\"userPoolId\":\"" + POOL + "\","
                + "\"userName\":\"ana\",\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"client1\"},"
                + "\"request\":{\"userAttributes\":{\"sub\":\"s-1\",\"email\":\"ana@example.com\",\"cognito:user_status\":\"CONFIRMED\"},"
                + "\"groupConfiguration\":{\"groupsToOverride\":[\"staff\"],\"iamRolesToOverride\":[\"arn:aws:iam::1:role/r\"],"
                + "\"preferredRole\":\"arn:aws:iam::1:role/r\"},\"scopes\":[\"openid\",\"api/read\"],\"clientMetadata\":{\"k\":\"v\"}},"
                + "\"response\":{\"claimsAndScopeOverrideDetails\":null}}");
    }

    @Test
    void version3ClientCredentialsEventNamesTheClientAndHasNoUser() {
        var request = new PreTokenGenerationTrigger.Request(Source.CLIENT_CREDENTIALS, "client1", "client1", Map.of(), null,
                List.of("api/read"), null);

        assertThat(PreTokenGenerationTrigger.event(POOL, "V3_0", request).toString()).isEqualTo("{\"version\":\"3\","
                + "\"triggerSource\":\"TokenGeneration_ClientCredentials\",\"region\":\"eu-west-1\",\"userPoolId\":\"" + POOL + "\","
                + "\"userName\":\"client1\",\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"client1\"},"
                + "\"request\":{\"userAttributes\":{},\"groupConfiguration\":{\"groupsToOverride\":[],\"iamRolesToOverride\":[],"
                + "\"preferredRole\":null},\"scopes\":[\"api/read\"]},\"response\":{\"claimsAndScopeOverrideDetails\":null}}");
    }

    @Test
    void version3UserEventIsVersion2sWithAnotherVersion() throws Exception {
        var request = new PreTokenGenerationTrigger.Request(Source.HOSTED_AUTH, "ana", "client1", attributes(), idClaims(),
                List.of("openid"), null);

        JsonNode v3 = PreTokenGenerationTrigger.event(POOL, "V3_0", request);
        ObjectNode v2 = PreTokenGenerationTrigger.event(POOL, "V2_0", request);
        v2.put("version", "3");

        assertThat(v3).isEqualTo(v2);
        assertThat(v3.path("triggerSource").asText()).isEqualTo("TokenGeneration_HostedAuth");
    }

    @Test
    void everySourceHasCognitosTriggerSource() {
        assertThat(List.of(Source.values()).stream().map(Source::triggerSource).toList()).containsExactly(
                "TokenGeneration_Authentication", "TokenGeneration_NewPasswordChallenge", "TokenGeneration_RefreshTokens",
                "TokenGeneration_HostedAuth", "TokenGeneration_ClientCredentials", "TokenGeneration_AuthenticateDevice");
    }

    private static JsonNode answer(String details) throws Exception {
        return JSON.readTree("{\"response\": {\"claimsAndScopeOverrideDetails\": " + details + "}}");
    }

    @Test
    void reservedClaimsStaySuppressWinsAndScopesKeepTheirOrder() throws Exception {
        PreTokenCustomization customization = PreTokenCustomization.ofV2(answer("""
                {"accessTokenGeneration": {"claimsToAddOrOverride": {"exp": 1, "iss": "x", "jti": "x", "origin_jti": "x", "event_id": "x",
                                                                     "device_key": "x", "cognito:anything": "x", "both": "x", "kept": 1},
                                           "claimsToSuppress": ["both", "auth_time", "scope"],
                                           "scopesToAdd": ["b", "a", "b"], "scopesToSuppress": ["openid"]}}"""), Source.AUTHENTICATION);
        ObjectNode claims = (ObjectNode) JSON.readTree("{\"sub\": \"s-1\", \"iss\": \"https://idp\", \"exp\": 99, \"auth_time\": 5,"
                + " \"scope\": \"openid email\", \"jti\": \"j\", \"origin_jti\": \"o\", \"event_id\": \"e\"}");

        customization.applyToAccessToken(claims);

        assertThat(claims.toString()).isEqualTo("{\"sub\":\"s-1\",\"iss\":\"https://idp\",\"exp\":99,\"auth_time\":5,\"scope\":\"email b a\","
                + "\"jti\":\"j\",\"origin_jti\":\"o\",\"event_id\":\"e\",\"kept\":1}");
    }

    @Test
    void version1ClaimsAreStringsAndChangeOnlyTheIdTokenApartFromGroups() throws Exception {
        PreTokenCustomization customization = PreTokenCustomization.ofV1(JSON.readTree("{\"response\": {\"claimsOverrideDetails\":"
                + " {\"claimsToAddOrOverride\": {\"tier\": \"gold\"}, \"groupOverrideDetails\": {\"groupsToOverride\": []}}}}"));
        ObjectNode access = (ObjectNode) JSON.readTree("{\"sub\": \"s-1\", \"cognito:groups\": [\"staff\"]}");
        ObjectNode id = idClaims();

        customization.applyToAccessToken(access);
        customization.applyToIdToken(id);

        assertThat(access.toString()).isEqualTo("{\"sub\":\"s-1\"}");
        assertThat(id.toString()).isEqualTo("{\"sub\":\"s-1\",\"tier\":\"gold\"}");
        assertThatThrownBy(() -> PreTokenCustomization.ofV1(JSON.readTree("{\"response\": {\"claimsOverrideDetails\":"
                + " {\"claimsToAddOrOverride\": {\"level\": 3}}}}")))
                .isInstanceOfSatisfying(CognitoException.class, e -> assertThat(e.type()).isEqualTo("InvalidLambdaResponseException"));
    }

    @Test
    void clientCredentialsTakeOnlyTheAccessTokenPart() throws Exception {
        PreTokenCustomization customization = PreTokenCustomization.ofV2(answer("""
                {"idTokenGeneration": {"claimsToAddOrOverride": {"a": "b"}}, "groupOverrideDetails": {"groupsToOverride": ["g"]},
                 "accessTokenGeneration": {"claimsToAddOrOverride": {"tenant": "acme"}}}"""), Source.CLIENT_CREDENTIALS);

        assertThat(customization.idTokenAdd()).isEmpty();
        assertThat(customization.groups()).isNull();
        assertThat(customization.accessTokenAdd()).containsOnlyKeys("tenant");
    }
}
