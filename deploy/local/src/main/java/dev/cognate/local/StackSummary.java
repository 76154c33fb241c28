package dev.cognate.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** The text shown once the stack is ready: endpoints, credentials, the demo, and what to try next. */
final class StackSummary {

    private StackSummary() {
    }

    /**
     * @param signInAvailable whether the demo pool's OIDC discovery answers: only then are sign-in URLs and
     *                        commands shown, so the summary never points at what the services do not serve yet
     */
    static String render(StackDescription stack, StackLayout layout, Duration startup, boolean signInAvailable) {
        StringBuilder text = new StringBuilder();
        line(text, "Cognate local stack is ready (%.1f s).", startup.toMillis() / 1000.0);
        line(text, "");
        line(text, "Endpoints");
        for (CognateService service : CognateService.ALL) {
            line(text, "  %-40s %s", service.displayName(), service.baseUrl());
        }
        line(text, "");
        StackDescription.OperatorCredentials operator = stack.operatorCredentials();
        // AWS CLI v1 reads only AWS_DEFAULT_REGION, the SDKs and CLI v2 prefer AWS_REGION.
        String awsEnvironment = "AWS_ACCESS_KEY_ID=" + operator.accessKeyId() + " AWS_SECRET_ACCESS_KEY="
                + operator.secretAccessKey() + " AWS_REGION=" + stack.region() + " AWS_DEFAULT_REGION="
                + stack.region();
        line(text, "Operator credentials (local only, kept in %s)", display(layout, layout.credentialsFile()));
        line(text, "  AWS_ACCESS_KEY_ID=%s", operator.accessKeyId());
        line(text, "  AWS_SECRET_ACCESS_KEY=%s", operator.secretAccessKey());
        line(text, "  AWS_REGION=%s", stack.region());
        line(text, "");
        appendDemo(text, stack.demo(), signInAvailable);
        line(text, "Try it");
        line(text, "  export %s", awsEnvironment);
        line(text, "  aws --endpoint-url %s cognito-idp list-user-pools --max-results 10",
                stack.endpoints().userPool());
        line(text, "  aws --endpoint-url %s cognito-identity list-identity-pools --max-results 10",
                stack.endpoints().identityPool());
        StackDescription.Demo demo = stack.demo();
        if (signInAvailable && demo != null && demo.clientId() != null && demo.username() != null) {
            line(text, "  aws --endpoint-url %s cognito-idp initiate-auth --client-id %s --auth-flow USER_PASSWORD_AUTH"
                    + " --auth-parameters USERNAME=%s,PASSWORD=%s", stack.endpoints().userPool(), demo.clientId(),
                    demo.username(), demo.password());
            if (demo.identityPoolId() != null) {
                appendCredentialsCommands(text, stack, demo);
            }
        }
        line(text, "");
        line(text, "Mail: %s/ (every email the services send, one .eml file each: sign-up codes, invitations)",
                display(layout, layout.mailDir()));
        line(text, "SMS: %s/ (every text message, one .txt file each: the number, the time, the text with its code)",
                display(layout, layout.smsDir()));
        line(text, "Stack description: %s   Logs: %s/", display(layout, layout.stackFile()),
                display(layout, layout.logsDir()));
        line(text, "Stop: Ctrl-C where it runs in the foreground, or deploy/local/run down.");
        return text.toString();
    }

    private static void appendDemo(StringBuilder text, StackDescription.Demo demo, boolean signInAvailable) {
        if (demo == null) {
            line(text, "Demo user pool: none yet (the start-up messages say why)");
            line(text, "");
            return;
        }
        String issuer = CognateService.USER_POOL.baseUrl() + "/" + demo.userPoolId();
        line(text, "Demo user pool \"%s\": %s", DemoSeeder.POOL_NAME, demo.userPoolId());
        if (demo.clientId() != null) {
            line(text, "  App client    %s (%s, no secret)", demo.clientId(), DemoSeeder.CLIENT_NAME);
        } else {
            line(text, "  App client    none yet (the start-up messages say why)");
        }
        if (signInAvailable && demo.clientId() != null) {
            line(text, "  OIDC issuer   %s", issuer);
            line(text, "  Discovery     %s/.well-known/openid-configuration", issuer);
            line(text, "  Sign in at    %s/oauth2/authorize?client_id=%s&response_type=code&scope=openid+email+profile"
                    + "&redirect_uri=%s&code_challenge=%s&code_challenge_method=S256", CognateService.HOSTED_UI.baseUrl(), demo.clientId(),
                    URLEncoder.encode(DemoSeeder.CALLBACK_URL, StandardCharsets.UTF_8), DemoSeeder.pkceChallenge());
            line(text, "                (the browser lands on %s?code=...; redeem the code with:)", DemoSeeder.CALLBACK_URL);
            line(text, "  curl -s %s/oauth2/token -d grant_type=authorization_code -d client_id=%s -d redirect_uri=%s"
                    + " -d code_verifier=%s -d code=CODE", CognateService.USER_POOL.baseUrl(), demo.clientId(),
                    URLEncoder.encode(DemoSeeder.CALLBACK_URL, StandardCharsets.UTF_8), DemoSeeder.PKCE_VERIFIER);
        }
        if (demo.username() != null) {
            line(text, "  User          %s / %s", demo.username(), demo.password());
        } else {
            line(text, "  User          none yet (the start-up messages say why)");
        }
        if (demo.identityPoolId() != null) {
            line(text, "Demo identity pool \"%s\": %s", DemoIdentityPoolSeeder.POOL_NAME, demo.identityPoolId());
            line(text, "  Login         %s (the demo app client's ID tokens)",
                    DemoIdentityPoolSeeder.providerName(CognateService.USER_POOL.baseUrl(), demo.userPoolId()));
            line(text, "  Roles         email = %s -> %s; any other user -> %s", DemoIdentityPoolSeeder.MAPPED_EMAIL,
                    DemoIdentityPoolSeeder.MAPPED_ROLE, DemoIdentityPoolSeeder.AUTHENTICATED_ROLE);
        }
        line(text, "");
    }

    /**
     * The three commands from a sign-in to {@code aws sts get-caller-identity} with vended credentials: the ID token,
     * then GetId and GetCredentialsForIdentity (the access key, secret and session token read into shell variables),
     * then STS with those credentials for that one command, so the shell keeps its operator credentials.
     */
    private static void appendCredentialsCommands(StringBuilder text, StackDescription stack, StackDescription.Demo demo) {
        String identityEndpoint = stack.endpoints().identityPool();
        String logins = "--logins \"" + DemoIdentityPoolSeeder.providerName(stack.endpoints().userPool(), demo.userPoolId())
                + "=$ID_TOKEN\"";
        line(text, "  # sign in, get credentials from the demo identity pool, and ask STS whose they are:");
        line(text, "  ID_TOKEN=$(aws --endpoint-url %s cognito-idp initiate-auth --client-id %s --auth-flow USER_PASSWORD_AUTH"
                + " --auth-parameters USERNAME=%s,PASSWORD=%s --query AuthenticationResult.IdToken --output text)",
                stack.endpoints().userPool(), demo.clientId(), demo.username(), demo.password());
        line(text, "  read -r AK SK ST <<< \"$(aws --endpoint-url %s cognito-identity get-credentials-for-identity %s"
                + " --identity-id \"$(aws --endpoint-url %s cognito-identity get-id --identity-pool-id %s %s"
                + " --query IdentityId --output text)\" --query 'Credentials.[AccessKeyId,SecretKey,SessionToken]' --output text)\"",
                identityEndpoint, logins, identityEndpoint, demo.identityPoolId(), logins);
        line(text, "  AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK AWS_SESSION_TOKEN=$ST aws --endpoint-url %s"
                + " sts get-caller-identity", stack.endpoints().sts());
    }

    /** Paths inside the checkout are shown relative to it, as a user would type them from its root. */
    private static String display(StackLayout layout, Path path) {
        return path.startsWith(layout.repoRoot()) ? layout.repoRoot().relativize(path).toString() : path.toString();
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(format, args)).append(System.lineSeparator());
    }
}
