package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cognate.local.FakeCognito.Reply;

class DemoSeederTests {

    private static final String PASSWORD = "Demo-secret1";
    private final LocalCredentials credentials = new LocalCredentials("LOCALKEY", "s3cret", PASSWORD, "bWFzdGVyLWtleS1vZi10aGlydHktdHdvLWJ5dGVzISE=");
    private final FakeCognito cognito;

    DemoSeederTests() throws IOException {
        cognito = new FakeCognito();
    }

    @AfterEach
    void stopFake() {
        cognito.close();
    }

    @Test
    void createsThePoolAndSkipsClientAndUserWhileTheServiceLacksThoseActions() {
        cognito.on("ListUserPools", request -> Reply.ok("{\"UserPools\":[]}"))
                .on("CreateUserPool", request -> Reply.ok("{\"UserPool\":{\"Id\":\"us-east-1_new\",\"Name\":\""
                        + request.path("PoolName").asText() + "\"}}"));

        StackDescription.Demo demo = seed().orElseThrow();

        assertThat(demo).isEqualTo(new StackDescription.Demo("us-east-1_new", null, null, null));
        assertThat(cognito.lastRequest("CreateUserPool").path("PoolName").asText()).isEqualTo("cognate-demo");
        assertThat(cognito.actionsCalled()).containsExactly("ListUserPools", "CreateUserPool", "ListUserPoolClients",
                "CreateUserPoolClient", "DescribeUserPoolDomain", "AdminCreateUser");
    }

    @Test
    void reusesWhatAnEarlierRunCreatedAndResetsThePassword() {
        cognito.on("ListUserPools", request -> Reply.ok("{\"UserPools\":[{\"Id\":\"us-east-1_other\",\"Name\":\"other\"},"
                + "{\"Id\":\"us-east-1_demo\",\"Name\":\"cognate-demo\"}]}"))
                .on("ListUserPoolClients", request -> Reply.ok("{\"UserPoolClients\":[{\"ClientId\":\"client1\","
                        + "\"ClientName\":\"cognate-demo-app\",\"UserPoolId\":\"us-east-1_demo\"}]}"))
                .on("AdminCreateUser", request -> Reply.error("UsernameExistsException", "User account already exists"))
                .on("AdminSetUserPassword", request -> Reply.ok("{}"));

        StackDescription.Demo demo = seed().orElseThrow();

        assertThat(demo).isEqualTo(new StackDescription.Demo("us-east-1_demo", "client1", "demo", PASSWORD));
        assertThat(cognito.actionsCalled()).doesNotContain("CreateUserPool", "CreateUserPoolClient");
        assertThat(cognito.lastRequest("AdminSetUserPassword").path("Password").asText()).isEqualTo(PASSWORD);
        assertThat(cognito.lastRequest("AdminSetUserPassword").path("Permanent").asBoolean()).isTrue();
        assertThat(cognito.lastRequest("ListUserPoolClients").path("UserPoolId").asText()).isEqualTo("us-east-1_demo");
    }

    @Test
    void createsAPublicClientForTheHostedUiAndAUserWithAPermanentPassword() {
        cognito.on("ListUserPools", request -> Reply.ok("{\"UserPools\":[{\"Id\":\"us-east-1_demo\",\"Name\":\"cognate-demo\"}]}"))
                .on("ListUserPoolClients", request -> Reply.ok("{\"UserPoolClients\":[]}"))
                .on("CreateUserPoolClient", request -> Reply.ok("{\"UserPoolClient\":{\"ClientId\":\"client2\"}}"))
                .on("AdminCreateUser", request -> Reply.ok("{\"User\":{\"Username\":\"demo\"}}"))
                .on("AdminSetUserPassword", request -> Reply.ok("{}"));

        StackDescription.Demo demo = seed().orElseThrow();

        assertThat(demo).isEqualTo(new StackDescription.Demo("us-east-1_demo", "client2", "demo", PASSWORD));
        var client = cognito.lastRequest("CreateUserPoolClient");
        assertThat(client.path("ClientName").asText()).isEqualTo("cognate-demo-app");
        assertThat(client.path("GenerateSecret").asBoolean()).isFalse();
        assertThat(client.path("AllowedOAuthFlows").toString()).isEqualTo("[\"code\"]");
        assertThat(client.path("CallbackURLs").toString()).isEqualTo("[\"http://localhost:3000/callback\"]");
        assertThat(client.path("ExplicitAuthFlows").toString()).contains("ALLOW_USER_PASSWORD_AUTH");
        var user = cognito.lastRequest("AdminCreateUser");
        assertThat(user.path("Username").asText()).isEqualTo("demo");
        assertThat(user.path("MessageAction").asText()).isEqualTo("SUPPRESS");
    }

    @Test
    void givesThePoolItsLoginDomainOnceAndLeavesAnotherPoolsDomainAlone() throws IOException {
        cognito.on("ListUserPools", request -> Reply.ok("{\"UserPools\":[{\"Id\":\"us-east-1_demo\",\"Name\":\"cognate-demo\"}]}"))
                .on("DescribeUserPoolDomain", request -> Reply.ok("{\"DomainDescription\":{}}"))
                .on("CreateUserPoolDomain", request -> Reply.ok("{}"));
        seed();
        assertThat(cognito.lastRequest("CreateUserPoolDomain").path("Domain").asText()).isEqualTo("cognate-demo");
        assertThat(cognito.lastRequest("CreateUserPoolDomain").path("UserPoolId").asText()).isEqualTo("us-east-1_demo");

        for (String owner : List.of("us-east-1_demo", "us-east-1_other")) {
            try (FakeCognito again = new FakeCognito()) {
                again.on("ListUserPools", request -> Reply.ok("{\"UserPools\":[{\"Id\":\"us-east-1_demo\",\"Name\":\"cognate-demo\"}]}"))
                        .on("DescribeUserPoolDomain", request -> Reply.ok("{\"DomainDescription\":{\"UserPoolId\":\"" + owner
                                + "\",\"Domain\":\"cognate-demo\"}}"));
                try (DemoSeeder seeder = new DemoSeeder(again.endpoint(), "us-east-1", credentials)) {
                    seeder.seed(PASSWORD);
                }
                assertThat(again.actionsCalled()).as("domain owned by %s", owner).contains("DescribeUserPoolDomain")
                        .doesNotContain("CreateUserPoolDomain");
            }
        }
    }

    @Test
    void keepsThePoolWhenALaterStepFailsUnexpectedly() {
        cognito.on("ListUserPools", request -> Reply.ok("{\"UserPools\":[{\"Id\":\"us-east-1_demo\",\"Name\":\"cognate-demo\"}]}"))
                .on("ListUserPoolClients", request -> Reply.ok("{\"UserPoolClients\":[]}"))
                .on("CreateUserPoolClient", request -> Reply.error("InvalidParameterException", "bad scope"))
                .on("AdminCreateUser", request -> Reply.ok("{\"User\":{\"Username\":\"demo\"}}"))
                .on("AdminSetUserPassword", request -> Reply.error("InvalidPasswordException", "too short"));

        assertThat(seed()).contains(new StackDescription.Demo("us-east-1_demo", null, null, null));
    }

    @Test
    void returnsNoDemoWhenThePoolCannotBeCreated() {
        assertThat(seed()).isEmpty();
        assertThat(cognito.actionsCalled()).containsExactly("ListUserPools");
    }

    private java.util.Optional<StackDescription.Demo> seed() {
        try (DemoSeeder seeder = new DemoSeeder(cognito.endpoint(), "us-east-1", credentials)) {
            return seeder.seed(PASSWORD);
        }
    }
}
