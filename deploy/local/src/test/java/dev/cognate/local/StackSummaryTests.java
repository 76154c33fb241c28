package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class StackSummaryTests {

    private final StackLayout layout = new StackLayout(Path.of("/repo"), Path.of("/repo/deploy/local/.state"),
            Path.of("/repo/deploy/local/.data"));

    @Test
    void tellsHowToCallBothApisWithTheOperatorCredentials() {
        String summary = StackSummary.render(StackDescriptionTests.stack(null), layout, Duration.ofMillis(31_400), false);

        assertThat(summary)
                .contains("ready (31.4 s)")
                .contains("export AWS_ACCESS_KEY_ID=LOCALKEY AWS_SECRET_ACCESS_KEY=s3cret AWS_REGION=us-east-1"
                        + " AWS_DEFAULT_REGION=us-east-1")
                .contains("aws --endpoint-url http://localhost:8081 cognito-idp list-user-pools --max-results 10")
                .contains("aws --endpoint-url http://localhost:8083 cognito-identity list-identity-pools --max-results 10")
                .contains("deploy/local/.state/stack.json")
                .contains("Mail: deploy/local/.state/mail/")
                .contains("SMS: deploy/local/.state/sms/")
                .contains("Demo user pool: none yet")
                .doesNotContain("initiate-auth");
    }

    @Test
    void showsTheDemoAndHowToSignInOnceClientAndUserExist() {
        String summary = StackSummary.render(
                StackDescriptionTests.stack(new StackDescription.Demo("us-east-1_abc", "client1", "demo", "Demo-pass1")),
                layout, Duration.ofSeconds(20), true);

        assertThat(summary)
                .contains("http://localhost:8081/us-east-1_abc/.well-known/openid-configuration")
                .contains("http://localhost:8082/oauth2/authorize?client_id=client1&response_type=code")
                .contains("redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback")
                .contains("&code_challenge=" + DemoSeeder.pkceChallenge() + "&code_challenge_method=S256")
                .contains("curl -s http://localhost:8081/oauth2/token -d grant_type=authorization_code -d client_id=client1")
                .contains("-d code_verifier=" + DemoSeeder.PKCE_VERIFIER + " -d code=CODE")
                .contains("demo / Demo-pass1")
                .contains("cognito-idp initiate-auth --client-id client1 --auth-flow USER_PASSWORD_AUTH"
                        + " --auth-parameters USERNAME=demo,PASSWORD=Demo-pass1");
    }

    @Test
    void printsTheThreeCommandsFromSignInToStsOnceTheIdentityPoolExists() {
        String summary = StackSummary.render(StackDescriptionTests.stack(
                new StackDescription.Demo("us-east-1_abc", "client1", "demo", "Demo-pass1", "us-east-1:pool-id")), layout,
                Duration.ofSeconds(20), true);

        assertThat(summary)
                .contains("Demo identity pool \"cognate_demo\": us-east-1:pool-id")
                .contains("Login         localhost:8081/us-east-1_abc")
                .contains("email = demo@example.com -> arn:aws:iam::000000000000:role/cognate-demo-user;"
                        + " any other user -> arn:aws:iam::000000000000:role/cognate-demo-authenticated")
                .contains("ID_TOKEN=$(aws --endpoint-url http://localhost:8081 cognito-idp initiate-auth --client-id client1"
                        + " --auth-flow USER_PASSWORD_AUTH --auth-parameters USERNAME=demo,PASSWORD=Demo-pass1"
                        + " --query AuthenticationResult.IdToken --output text)")
                .contains("read -r AK SK ST <<< \"$(aws --endpoint-url http://localhost:8083 cognito-identity"
                        + " get-credentials-for-identity --logins \"localhost:8081/us-east-1_abc=$ID_TOKEN\" --identity-id"
                        + " \"$(aws --endpoint-url http://localhost:8083 cognito-identity get-id --identity-pool-id us-east-1:pool-id"
                        + " --logins \"localhost:8081/us-east-1_abc=$ID_TOKEN\" --query IdentityId --output text)\"")
                .contains("AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK AWS_SESSION_TOKEN=$ST aws --endpoint-url"
                        + " http://localhost:8083/sts sts get-caller-identity");
    }

    @Test
    void printsNoCredentialsCommandsWithoutTheIdentityPool() {
        String summary = StackSummary.render(
                StackDescriptionTests.stack(new StackDescription.Demo("us-east-1_abc", "client1", "demo", "Demo-pass1")),
                layout, Duration.ofSeconds(20), true);

        assertThat(summary).doesNotContain("Demo identity pool").doesNotContain("get-credentials-for-identity")
                .doesNotContain("get-caller-identity");
    }

    @Test
    void saysWhatIsMissingWhenOnlyThePoolExists() {
        String summary = StackSummary.render(
                StackDescriptionTests.stack(new StackDescription.Demo("us-east-1_abc", null, null, null)), layout,
                Duration.ofSeconds(20), false);

        assertThat(summary).contains("App client    none yet").contains("User          none yet")
                .doesNotContain("initiate-auth")
                .as("no discovery URL before discovery exists").doesNotContain("openid-configuration");
    }

    @Test
    void offersNoSignInWhileTheServicesCannotSignAnyoneIn() {
        String summary = StackSummary.render(
                StackDescriptionTests.stack(new StackDescription.Demo("us-east-1_abc", "client1", "demo", "Demo-pass1")),
                layout, Duration.ofSeconds(20), false);

        assertThat(summary).contains("App client    client1").contains("demo / Demo-pass1")
                .doesNotContain("openid-configuration").doesNotContain("/oauth2/authorize").doesNotContain("initiate-auth");
    }
}
