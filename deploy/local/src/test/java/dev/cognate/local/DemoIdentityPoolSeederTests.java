package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cognate.local.FakeCognito.Reply;

class DemoIdentityPoolSeederTests {

    private static final String PROVIDER = "localhost:8081/us-east-1_demo";
    private final LocalCredentials credentials = new LocalCredentials("LOCALKEY", "s3cret", "Demo-secret1",
            "bWFzdGVyLWtleS1vZi10aGlydHktdHdvLWJ5dGVzISE=");
    private final FakeCognito identity;

    DemoIdentityPoolSeederTests() throws IOException {
        identity = new FakeCognito();
    }

    @AfterEach
    void stopFake() {
        identity.close();
    }

    @Test
    void derivesTheProviderNameFromTheUserPoolsIssuer() {
        assertThat(DemoIdentityPoolSeeder.providerName("http://localhost:8081", "us-east-1_demo")).isEqualTo(PROVIDER);
        assertThat(DemoIdentityPoolSeeder.providerName("https://idp.example.test", "eu-west-1_x"))
                .isEqualTo("idp.example.test/eu-west-1_x");
    }

    @Test
    void createsAPoolTrustingTheDemoClientWithTwoRolesChosenByARule() {
        identity.on("ListIdentityPools", request -> Reply.ok("{\"IdentityPools\":[]}"))
                .on("CreateIdentityPool", request -> Reply.ok("{\"IdentityPoolId\":\"us-east-1:new\",\"IdentityPoolName\":\"cognate_demo\","
                        + "\"AllowUnauthenticatedIdentities\":false}"))
                .on("SetIdentityPoolRoles", request -> Reply.ok("{}"));

        assertThat(seed()).contains("us-east-1:new");

        JsonNode created = identity.lastRequest("CreateIdentityPool");
        assertThat(created.path("IdentityPoolName").asText()).isEqualTo("cognate_demo");
        assertThat(created.path("AllowUnauthenticatedIdentities").asBoolean()).isFalse();
        assertThat(created.path("CognitoIdentityProviders").toString())
                .isEqualTo("[{\"ProviderName\":\"" + PROVIDER + "\",\"ClientId\":\"client1\",\"ServerSideTokenCheck\":false}]");
        JsonNode roles = identity.lastRequest("SetIdentityPoolRoles");
        assertThat(roles.path("IdentityPoolId").asText()).isEqualTo("us-east-1:new");
        assertThat(roles.path("Roles").toString())
                .isEqualTo("{\"authenticated\":\"arn:aws:iam::000000000000:role/cognate-demo-authenticated\"}");
        JsonNode mapping = roles.path("RoleMappings").path(PROVIDER);
        assertThat(mapping.path("Type").asText()).isEqualTo("Rules");
        assertThat(mapping.path("AmbiguousRoleResolution").asText()).isEqualTo("AuthenticatedRole");
        assertThat(mapping.path("RulesConfiguration").path("Rules").toString())
                .isEqualTo("[{\"Claim\":\"email\",\"MatchType\":\"Equals\",\"Value\":\"demo@example.com\","
                        + "\"RoleARN\":\"arn:aws:iam::000000000000:role/cognate-demo-user\"}]");
        assertThat(identity.actionsCalled()).containsExactly("ListIdentityPools", "CreateIdentityPool", "SetIdentityPoolRoles");
    }

    @Test
    void bringsAnExistingPoolBackToTheDemoConfigurationInsteadOfCreatingAnother() {
        identity.on("ListIdentityPools", request -> Reply.ok("{\"IdentityPools\":[{\"IdentityPoolId\":\"us-east-1:other\","
                        + "\"IdentityPoolName\":\"other\"},{\"IdentityPoolId\":\"us-east-1:demo\",\"IdentityPoolName\":\"cognate_demo\"}]}"))
                .on("UpdateIdentityPool", request -> Reply.ok(request.toString()))
                .on("SetIdentityPoolRoles", request -> Reply.ok("{}"));

        assertThat(seed()).contains("us-east-1:demo");

        assertThat(identity.actionsCalled()).containsExactly("ListIdentityPools", "UpdateIdentityPool", "SetIdentityPoolRoles");
        JsonNode updated = identity.lastRequest("UpdateIdentityPool");
        assertThat(updated.path("IdentityPoolId").asText()).isEqualTo("us-east-1:demo");
        assertThat(updated.path("CognitoIdentityProviders").get(0).path("ProviderName").asText()).isEqualTo(PROVIDER);
        assertThat(identity.lastRequest("SetIdentityPoolRoles").path("IdentityPoolId").asText()).isEqualTo("us-east-1:demo");
    }

    @Test
    void leavesTheIdentityPoolOutWhenTheServiceRefuses() {
        identity.on("ListIdentityPools", request -> Reply.ok("{\"IdentityPools\":[]}"))
                .on("CreateIdentityPool", request -> Reply.error("InvalidParameterException", "bad provider"));

        assertThat(seed()).isEmpty();
        assertThat(identity.actionsCalled()).doesNotContain("SetIdentityPoolRoles");
    }

    private Optional<String> seed() {
        try (DemoIdentityPoolSeeder seeder = new DemoIdentityPoolSeeder(identity.endpoint(), "us-east-1", credentials)) {
            return seeder.seed("http://localhost:8081", "us-east-1_demo", "client1");
        }
    }
}
