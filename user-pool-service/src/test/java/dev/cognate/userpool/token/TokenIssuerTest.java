package dev.cognate.userpool.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.Group;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Claim building with exact values: Cognito's claim names, order, types, group roles and ReadAttributes. */
class TokenIssuerTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final UUID SUB = UUID.fromString("3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    private static final UUID FAMILY = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID EVENT = UUID.fromString("66666666-7777-4888-9999-000000000000");
    private static final Instant AUTH = Instant.ofEpochSecond(1_800_000_000L);
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_100L);
    private static final TokenLifetimes LIFETIMES = new TokenLifetimes(Duration.ofMinutes(60), Duration.ofMinutes(30), Duration.ofDays(30));

    private static User user() {
        return new User("us-east-1_AbCdEf123", SUB, "alice", UserStatus.CONFIRMED, true,
                Map.of("email", "alice@example.com", "email_verified", "true", "phone_number_verified", "false", "custom:team", "blue"),
                null, null, null, JSON.arrayNode(), JSON.objectNode(), AUTH, AUTH);
    }

    private static AppClient client(String... readAttributes) {
        ObjectNode settings = JSON.objectNode();
        if (readAttributes.length > 0) {
            settings.putArray("ReadAttributes").addAll(List.of(readAttributes).stream().map(JSON::textNode).toList());
        }
        return new AppClient("abcdefghijklmnopqrstuvwxyz", "us-east-1_AbCdEf123", "app", settings, AUTH, AUTH);
    }

    private static Group group(String name, Integer precedence, String role) {
        return new Group("us-east-1_AbCdEf123", name, null, role, precedence, AUTH, AUTH);
    }

    private static TokenIssuer.Grant grant(AppClient client, List<Group> groups) {
        return new TokenIssuer.Grant("http://localhost:8081/us-east-1_AbCdEf123", client, user(), groups, FAMILY, EVENT, AUTH, NOW);
    }

    @Test
    void idTokenHasCognitosClaimsInOrder() {
        ObjectNode claims = TokenIssuer.idTokenClaims(grant(client(), List.of(group("admins", 1, "arn:aws:iam::1:role/A"),
                group("readers", 2, "arn:aws:iam::1:role/R"), group("misc", null, null))), LIFETIMES);
        List<String> names = new ArrayList<>();
        claims.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("sub", "cognito:groups", "cognito:preferred_role", "cognito:roles", "iss", "cognito:username",
                "origin_jti", "aud", "event_id", "token_use", "auth_time", "exp", "iat", "jti",
                "custom:team", "email", "email_verified", "phone_number_verified");
        assertThat(claims.path("cognito:groups").toString()).isEqualTo("[\"admins\",\"readers\",\"misc\"]");
        assertThat(claims.path("cognito:roles").toString()).isEqualTo("[\"arn:aws:iam::1:role/A\",\"arn:aws:iam::1:role/R\"]");
        assertThat(claims.path("cognito:preferred_role").asText()).isEqualTo("arn:aws:iam::1:role/A");
        assertThat(claims.path("aud").asText()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
        assertThat(claims.path("origin_jti").asText()).isEqualTo(FAMILY.toString());
        assertThat(claims.path("event_id").asText()).isEqualTo(EVENT.toString());
        assertThat(claims.path("auth_time").asLong()).isEqualTo(1_800_000_000L);
        assertThat(claims.path("iat").asLong()).isEqualTo(1_800_000_100L);
        assertThat(claims.path("exp").asLong()).isEqualTo(1_800_000_100L + 1800);
        assertThat(claims.path("email_verified").isBoolean()).isTrue();
        assertThat(claims.path("email_verified").asBoolean()).isTrue();
        assertThat(claims.path("phone_number_verified").isBoolean()).isTrue();
        assertThat(claims.path("custom:team").asText()).isEqualTo("blue");
    }

    @Test
    void accessTokenHasCognitosClaimsInOrder() {
        ObjectNode claims = TokenIssuer.accessTokenClaims(grant(client(), List.of(group("admins", 1, "arn:aws:iam::1:role/A"))), LIFETIMES);
        List<String> names = new ArrayList<>();
        claims.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("sub", "cognito:groups", "iss", "client_id", "origin_jti", "event_id", "token_use", "scope",
                "auth_time", "exp", "iat", "jti", "username");
        assertThat(claims.path("scope").asText()).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
        assertThat(claims.has("cognito:roles")).isFalse();
    }

    @Test
    void groupsOfTheSamePrecedenceWithDifferentRolesGiveNoPreferredRole() {
        ObjectNode tie = TokenIssuer.idTokenClaims(grant(client(), List.of(group("a", 1, "arn:aws:iam::1:role/A"),
                group("b", 1, "arn:aws:iam::1:role/B"))), LIFETIMES);
        assertThat(tie.has("cognito:preferred_role")).isFalse();
        assertThat(tie.path("cognito:roles")).hasSize(2);

        ObjectNode sameRole = TokenIssuer.idTokenClaims(grant(client(), List.of(group("a", 1, "arn:aws:iam::1:role/A"),
                group("b", 1, "arn:aws:iam::1:role/A"))), LIFETIMES);
        assertThat(sameRole.path("cognito:preferred_role").asText()).isEqualTo("arn:aws:iam::1:role/A");
        assertThat(sameRole.path("cognito:roles")).hasSize(1);

        ObjectNode noGroups = TokenIssuer.idTokenClaims(grant(client(), List.of()), LIFETIMES);
        assertThat(noGroups.has("cognito:groups")).isFalse();
    }

    @Test
    void readAttributesLimitTheUserAttributes() {
        ObjectNode claims = TokenIssuer.idTokenClaims(grant(client("email", "custom:team"), List.of()), LIFETIMES);
        assertThat(claims.has("email")).isTrue();
        assertThat(claims.has("custom:team")).isTrue();
        assertThat(claims.has("email_verified")).isFalse();
        assertThat(claims.has("phone_number_verified")).isFalse();
        assertThat(claims.path("sub").asText()).isEqualTo(SUB.toString());
    }

    @Test
    void lifetimesFollowTheClientsUnits() throws Exception {
        ObjectNode settings = (ObjectNode) new ObjectMapper().readTree("{\"AccessTokenValidity\": 2, \"IdTokenValidity\": 90,"
                + " \"RefreshTokenValidity\": 12, \"TokenValidityUnits\": {\"AccessToken\": \"hours\", \"IdToken\": \"minutes\","
                + " \"RefreshToken\": \"hours\"}}");
        TokenLifetimes lifetimes = TokenLifetimes.of(new AppClient("c", "p", "n", settings, AUTH, AUTH));
        assertThat(lifetimes).isEqualTo(new TokenLifetimes(Duration.ofHours(2), Duration.ofMinutes(90), Duration.ofHours(12)));
        assertThat(TokenLifetimes.of(client())).isEqualTo(new TokenLifetimes(Duration.ofMinutes(60), Duration.ofMinutes(60), Duration.ofDays(30)));
    }
}
