package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.testkit.Ports;
import dev.cognate.testkit.ScriptRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole stack as {@code deploy/local/run} starts it — InfraMain and the four built service jars, each
 * its own process — on free ports, so it runs beside a developer's own stack. A user created through the AWS SDK gets
 * the invitation that user-pool-service's outbox puts on Kafka and trigger-runner mails to a real SMTP server (GreenMail,
 * here), as codes are; identity pools answer the AWS SDK; a user signs up with the API and, in Chromium, through the hosted pages
 * with a standard relying party; a PreSignUp webhook confirms and vetoes sign-ups; deploy/functions' Node adapter runs
 * unchanged Lambda handlers as triggers; a CustomMessage function writes the mailed code's text; a CustomEmailSender gets the encrypted code; and stopping leaves nothing running. Needs the services packaged first (the reactor
 * builds them before this module).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeStackTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private StackLayout layout;
    private LocalCredentials credentials;
    private List<CognateService> services;
    private InfraPorts infra;
    private int[] ports;
    private StackMail mail;
    private final StackProcesses processes = new StackProcesses();
    private final List<ProcessHandle> started = new ArrayList<>();
    /** The operator's custom sender key pair: the public half configured in user-pool-service, the private one "the function's". */
    private KeyPair customSenderKey;

    /** One stack for every test here: starting it is most of this class's time. */
    @BeforeAll
    void startTheStack(@TempDir Path temp) throws Exception {
        layout = new StackLayout(Path.of("../..").toAbsolutePath().normalize(), temp.resolve("state"), temp.resolve("data"));
        ports = Ports.pickFree(10);
        infra = new InfraPorts(ports[0], ports[1], ports[2]);
        mail = StackMail.start(ports[7]);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        customSenderKey = generator.generateKeyPair();
        services = services(ports[3], ports[8], ports[4], ports[5], ports[6], ports[9], mail, customSenderKey);
        services.forEach(service -> assertThat(layout.serviceRunnerJar(service.name()))
                .as("%s must be packaged first (./mvnw -B install -DskipTests)", service.name()).exists());
        credentials = LocalCredentials.generate();
        Files.createDirectories(layout.logsDir());
        InfrastructureProcess infrastructure = InfrastructureProcess.start(layout, infra);
        processes.adoptInfrastructure(infrastructure.process());
        started.add(ProcessHandle.of(infrastructure.process().pid()).orElseThrow());
        infrastructure.awaitReady(START_TIMEOUT);

        Map<CognateService, ManagedProcess> running = new LinkedHashMap<>();
        for (CognateService service : services) {
            ManagedProcess process = ServiceProcess.start(service, layout, ServiceEnvironment.of(service, infra, "us-east-1", credentials, layout));
            processes.adoptService(process);
            started.add(ProcessHandle.of(process.pid()).orElseThrow());
            running.put(service, process);
        }
        new ServiceReadiness().awaitAll(running, START_TIMEOUT);
    }

    @AfterAll
    void stoppingLeavesNothingRunning() {
        processes.stopAll();
        if (mail != null) { // null when the start failed before it: let that failure be the one reported
            mail.close();
        }
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        assertThat(IntStream.of(ports).filter(port -> !Ports.isFree(port)).boxed().toList())
                .as("ports still bound after stop: PostgreSQL, Redis, Kafka or a service left running").isEmpty();
    }

    @Test
    void anInvitationTravelsThroughKafkaToTheMailboxAndIdentityPoolsAnswer() throws Exception {
        String userPoolId;
        try (CognitoIdentityProviderClient idp = operatorClient()) {
            userPoolId = idp.createUserPool(r -> r.poolName("whole-stack")).userPool().id();
            idp.adminCreateUser(r -> r.userPoolId(userPoolId).username("invited")
                    .userAttributes(AttributeType.builder().name("email").value("invited@example.test").build())
                    .desiredDeliveryMediums(DeliveryMediumType.EMAIL));
        }
        try (CognitoIdentityClient identity = CognitoIdentityClient.builder()
                .endpointOverride(URI.create(services.get(2).baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(operator(credentials)).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(identity.createIdentityPool(r -> r.identityPoolName("whole_stack").allowUnauthenticatedIdentities(false))
                    .identityPoolId()).startsWith("us-east-1:");
        }

        assertInvitationMailed("invited@example.test");
    }

    @Test
    void aUserSignsUpWithTheMailedCodeThroughTheApi() throws Exception {
        signUpWithTheMailedCode(services.get(0).baseUrl());
    }

    /**
     * README, "Sign in through an OpenID Connect provider": its AWS CLI commands, run unedited against this stack's
     * seeded demo, add the provider to the pool and to the demo client, which keeps its other settings; the hosted login
     * sees the provider among the client's.
     */
    @Test
    void theReadmesCommandsAddAnOpenIdConnectProviderThatTheDemoClientOffers(@TempDir Path work) throws Exception {
        assumeTrue(ReadmeOidcProvider.toolsAvailable(), "the README's commands need the AWS CLI and jq on PATH");
        StackDescription.Endpoints endpoints = new StackDescription.Endpoints(services.get(0).baseUrl(), services.get(1).baseUrl(),
                services.get(2).baseUrl(), services.get(3).baseUrl(), services.get(2).baseUrl() + "/sts");

        ReadmeOidcProvider.Outcome outcome = ReadmeOidcProvider.run(endpoints, "us-east-1", credentials, work);

        assertThat(outcome.run().succeeded()).as("the README's commands:%n%s", outcome.run().output()).isTrue();
        assertThat(outcome.run().output()).contains("COGNITO\tLocalOIDC");
        String poolId = outcome.demo().userPoolId();
        String clientId = outcome.demo().clientId();
        try (CognitoIdentityProviderClient operator = operatorClient()) {
            var provider = operator.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("LocalOIDC")).identityProvider();
            assertThat(provider.providerTypeAsString()).isEqualTo("OIDC");
            assertThat(provider.providerDetails()).containsEntry("oidc_issuer", ReadmeOidcProvider.ISSUER)
                    .containsEntry("authorize_scopes", "openid email profile").containsEntry("attributes_request_method", "GET");
            assertThat(provider.attributeMapping()).containsEntry("email", "email");
            var client = operator.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId)).userPoolClient();
            assertThat(client.supportedIdentityProviders()).containsExactly("COGNITO", "LocalOIDC");
            assertThat(client.callbackURLs()).as("the update kept the demo client's settings").containsExactly(DemoSeeder.CALLBACK_URL);
            assertThat(client.allowedOAuthScopes()).containsExactlyInAnyOrder("openid", "email", "profile");
            assertThat(client.explicitAuthFlows()).contains(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH);
        }
        JsonNode hostedLoginView = ReadmeOidcProvider.hostedLoginsViewOf("http://localhost:" + ports[8], clientId);
        assertThat(hostedLoginView.path("supportedIdentityProviders").toString()).contains("LocalOIDC");
        assertThat(hostedLoginView.path("identityProviders").toString()).contains("\"providerName\":\"LocalOIDC\"", "\"providerType\":\"OIDC\"");
    }

    /**
     * SMS as files, as deploy/local runs trigger-runner: SignUp with a phone number the pool verifies → the code's text
     * message written to {@code .state/sms/} (one file: the number, the time, the text) → ConfirmSignUp with that code
     * → the phone number verified and the user signs in.
     */
    @Test
    void aSignUpWithAPhoneNumberGetsItsCodeAsATextFileInTheStateDirectory() throws Exception {
        try (CognitoIdentityProviderClient operator = operatorClient();
             CognitoIdentityProviderClient app = appClient()) {
            String poolId = operator.createUserPool(r -> r.poolName("whole-stack-sms-sign-up")
                    .autoVerifiedAttributes(VerifiedAttributeType.PHONE_NUMBER)).userPool().id();
            String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();
            var signedUp = app.signUp(r -> r.clientId(clientId).username("texter").password("Texter-Passw0rd!")
                    .userAttributes(attribute("phone_number", "+15550100042")));
            assertThat(signedUp.codeDeliveryDetails().deliveryMediumAsString()).isEqualTo("SMS");

            await().atMost(Duration.ofSeconds(60)).until(() -> smsTo("+15550100042") != null);
            Path file = smsTo("+15550100042");
            assertThat(file.getFileName().toString()).matches("\\d{8}T\\d{6}\\.\\d{3}Z-CustomMessage_SignUp-.+\\.txt");
            String text = Files.readString(file);
            assertThat(text).contains("To: +15550100042", "X-Cognate-User-Pool-Id: " + poolId).containsPattern("Date: 20\\d\\d-");
            java.util.regex.Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(text.substring(text.indexOf("\r\n\r\n")));
            assertThat(code.find()).as("a 6-digit code in %s", text).isTrue();

            app.confirmSignUp(r -> r.clientId(clientId).username("texter").confirmationCode(code.group(1)));
            assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username("texter")).userAttributes())
                    .anyMatch(a -> a.name().equals("phone_number_verified") && a.value().equals("true"));
            String accessToken = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "texter", "PASSWORD", "Texter-Passw0rd!"))).authenticationResult().accessToken();
            assertThat(app.getUser(r -> r.accessToken(accessToken)).username()).isEqualTo("texter");
        }
    }

    /** The newest text message to {@code phoneNumber} in the stack's {@code sms/} directory, or null. */
    private Path smsTo(String phoneNumber) throws java.io.IOException {
        if (!Files.isDirectory(layout.smsDir())) {
            return null;
        }
        try (var files = Files.list(layout.smsDir())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".txt"))
                    .filter(file -> {
                        try {
                            return Files.readString(file).contains("To: " + phoneNumber + "\r\n");
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    })
                    .max(java.util.Comparator.comparing(file -> file.getFileName().toString())).orElse(null);
        }
    }

    @Test
    void aStandardRelyingPartySignsAUserUpAndInThroughTheHostedPagesInChromium() throws Exception {
        runJourney(operator -> new HostedLoginJourney(operator, services.get(0).baseUrl(), mail));
    }

    @Test
    void aUserSetsAnAuthenticatorUpOnTheHostedMfaPageAndSignsInWithItsCodesInChromium() throws Exception {
        runJourney(operator -> new HostedMfaJourney(operator, services.get(0).baseUrl()));
    }

    @Test
    void aUserSignsInWithAMailedCodeOnTheHostedLoginInChromium() throws Exception {
        runJourney(operator -> new HostedPasswordlessJourney(operator, services.get(0).baseUrl(), mail));
    }

    @Test
    void aUserRegistersAPasskeyThenSignsInWithItOnTheHostedLoginInChromium() throws Exception {
        runJourney(operator -> new HostedPasskeyJourney(operator, services.get(0).baseUrl()));
    }

    @Test
    void aUserSignsInThroughAnUpstreamOpenIdProviderOnTheHostedLoginAndGetsIdentityPoolCredentialsInChromium() throws Exception {
        try (CognitoIdentityClient identity = CognitoIdentityClient.builder().endpointOverride(URI.create(services.get(2).baseUrl()))
                .region(Region.US_EAST_1).credentialsProvider(operator(credentials)).httpClient(UrlConnectionHttpClient.create()).build()) {
            runJourney(operator -> new HostedFederationJourney(operator, identity, services.get(0).baseUrl(),
                    services.get(2).baseUrl(), services.get(1).port()));
        }
    }

    @Test
    void aUserSignsInThroughASamlIdentityProviderOnTheHostedLoginAndSignsOutThroughItsSingleLogoutInChromium() throws Exception {
        runJourney(operator -> new HostedSamlJourney(operator, services.get(0).baseUrl(), services.get(1).port()));
    }

    /** Runs the journey made with an operator client of this stack, then closes it and the client. */
    private void runJourney(Function<CognitoIdentityProviderClient, BrowserJourney> journey) throws Exception {
        try (CognitoIdentityProviderClient operator = operatorClient();
             BrowserJourney started = journey.apply(operator)) {
            started.run();
        }
    }

    /**
     * A PreSignUp trigger through the real services: user-pool-service asks trigger-runner's internal API, which POSTs
     * Cognito's event, signed, to a function on this machine (the JDK's HTTP server here); its answer confirms one user,
     * its error vetoes another, who is then not there.
     */
    @Test
    void aPreSignUpWebhookConfirmsOneUserAndVetoesAnother() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        HttpServer function = function("/pre-sign-up", exchange -> {
            ObjectNode event = (ObjectNode) JSON.readTree(exchange.getRequestBody().readAllBytes());
            events.add(event);
            signatures.add(exchange.getRequestHeaders().getFirst("webhook-signature"));
            boolean veto = "vetoed".equals(event.path("userName").asText());
            byte[] answer;
            if (veto) {
                answer = JSON.writeValueAsBytes(Map.of("errorType", "Error", "errorMessage", "not on the guest list"));
            } else {
                event.putObject("response").put("autoConfirmUser", true).put("autoVerifyEmail", false).put("autoVerifyPhone", false);
                answer = JSON.writeValueAsBytes(event);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(veto ? 400 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        try (CognitoIdentityProviderClient operator = operatorClient();
             CognitoIdentityProviderClient app = appClient()) {
            String url = url(function, "/pre-sign-up");
            String poolId = operator.createUserPool(r -> r.poolName("whole-stack-triggers").lambdaConfig(c -> c.preSignUp(url)))
                    .userPool().id();
            String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();

            assertThat(app.signUp(r -> r.clientId(clientId).username("trusted").password("Trusted-Passw0rd!")).userConfirmed()).isTrue();
            UserLambdaValidationException vetoed = catchThrowableOfType(UserLambdaValidationException.class, () -> app.signUp(r -> r
                    .clientId(clientId).username("vetoed").password("Vetoed-Passw0rd!")));

            assertThat(vetoed.awsErrorDetails().errorMessage()).isEqualTo("PreSignUp failed with error not on the guest list.");
            assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username("trusted")).userStatusAsString()).isEqualTo("CONFIRMED");
            assertThat(catchThrowableOfType(UserNotFoundException.class, () -> operator.adminGetUser(r -> r.userPoolId(poolId).username("vetoed"))))
                    .isNotNull();
            assertThat(events).extracting(event -> event.path("triggerSource").asText()).containsExactly("PreSignUp_SignUp", "PreSignUp_SignUp");
            assertThat(events.get(0).path("userPoolId").asText()).isEqualTo(poolId);
            assertThat(events.get(0).path("callerContext").path("clientId").asText()).isEqualTo(clientId);
            assertThat(signatures).allMatch(signature -> signature != null && signature.startsWith("v1,"));
        } finally {
            function.stop(0);
        }
    }

    /**
     * CustomEmailSender through the real services: SignUp → user-pool-service encrypts the code to the operator's public
     * key and writes the Cognito event to the outbox → Kafka → trigger-runner POSTs it, signed, to the function (the
     * JDK's HTTP server) instead of mailing it → the function decrypts the code with the private key → ConfirmSignUp.
     */
    @Test
    void aCustomEmailSenderGetsTheEncryptedCodeThatConfirmsTheSignUp() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        HttpServer function = function("/custom-email-sender", exchange -> {
            events.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        try (CognitoIdentityProviderClient operator = operatorClient();
             CognitoIdentityProviderClient app = appClient()) {
            String url = url(function, "/custom-email-sender");
            String poolId = operator.createUserPool(r -> r.poolName("whole-stack-custom-sender").autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                    .lambdaConfig(c -> c.customEmailSender(s -> s.lambdaVersion("V1_0").lambdaArn(url))
                            .kmsKeyID("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"))).userPool().id();
            String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")).userPoolClient().clientId();

            app.signUp(r -> r.clientId(clientId).username("sender-user").password("Sender-Passw0rd!")
                    .userAttributes(AttributeType.builder().name("email").value("sender-user@example.test").build()));

            await().atMost(Duration.ofSeconds(60)).until(() -> !events.isEmpty());
            JsonNode event = events.get(0);
            assertThat(event.path("triggerSource").asText()).isEqualTo("CustomEmailSender_SignUp");
            assertThat(event.path("userPoolId").asText()).isEqualTo(poolId);
            assertThat(event.path("request").path("userAttributes").path("email").asText()).isEqualTo("sender-user@example.test");
            JWEObject jwe = JWEObject.parse(event.path("request").path("code").asText());
            jwe.decrypt(new RSADecrypter(customSenderKey.getPrivate()));
            String code = jwe.getPayload().toString();
            app.confirmSignUp(r -> r.clientId(clientId).username("sender-user").confirmationCode(code));

            assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username("sender-user")).userStatusAsString()).isEqualTo("CONFIRMED");
            assertThat(events).hasSize(1);
            assertThat(mail.to("sender-user@example.test")).as("the function sends it, not Cognate").isNull();
        } finally {
            function.stop(0);
        }
    }

    /**
     * A durable PostConfirmation through the real services: AdminConfirmSignUp commits the user and the trigger event
     * together (user-pool-service's outbox → Kafka → trigger-runner), and returns at once although the function is down;
     * trigger-runner retries and delivers it once when the function is back. A function down past the bound leaves a dead
     * letter, which the operator lists and replays with CognateAdmin actions signed like any AWS SDK call.
     */
    @Test
    void aDurablePostConfirmationArrivesOnceWhenItsFunctionComesBackAndADeadLetterIsReplayedByTheOperator() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicInteger refused = new AtomicInteger();
        List<JsonNode> delivered = new CopyOnWriteArrayList<>();
        HttpServer function = function("/post-confirmation", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!up.get()) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            delivered.add(JSON.readTree(body));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        try (CognitoIdentityProviderClient operator = operatorClient();
             CognitoIdentityProviderClient app = appClient()) {
            String url = url(function, "/post-confirmation");
            String poolId = operator.createUserPool(r -> r.poolName("whole-stack-post-confirmation").lambdaConfig(c -> c.postConfirmation(url)))
                    .userPool().id();
            String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")).userPoolClient().clientId();
            app.signUp(r -> r.clientId(clientId).username("late").password("Late-Passw0rd!"));

            operator.adminConfirmSignUp(r -> r.userPoolId(poolId).username("late"));
            await().atMost(Duration.ofSeconds(60)).until(() -> refused.get() >= 1);
            up.set(true);

            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == 1);
            assertThat(delivered.get(0).path("triggerSource").asText()).isEqualTo("PostConfirmation_ConfirmSignUp");
            assertThat(delivered.get(0).path("userName").asText()).isEqualTo("late");
            assertThat(delivered.get(0).path("request").path("userAttributes").path("cognito:user_status").asText()).isEqualTo("CONFIRMED");

            up.set(false);
            app.signUp(r -> r.clientId(clientId).username("lost").password("Lost-Passw0rd!"));
            operator.adminConfirmSignUp(r -> r.userPoolId(poolId).username("lost"));
            JsonNode[] letters = new JsonNode[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                letters[0] = cognateAdmin("ListTriggerDeadLetters", "{\"UserPoolId\": \"" + poolId + "\"}").path("DeadLetters");
                return letters[0].size() == 1;
            });
            assertThat(letters[0].get(0).path("Name").asText()).isEqualTo("PostConfirmation");
            assertThat(letters[0].get(0).path("Attempts").asInt()).isEqualTo(3);
            assertThat(delivered).as("only the first user's, once").hasSize(1);

            up.set(true);
            cognateAdmin("ReplayTriggerDeadLetter", "{\"UserPoolId\": \"" + poolId + "\", \"Id\": \"" + letters[0].get(0).path("Id").asText() + "\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == 2);
            assertThat(delivered.get(1).path("userName").asText()).isEqualTo("lost");
            assertThat(cognateAdmin("ListTriggerDeadLetters", "{\"UserPoolId\": \"" + poolId + "\"}").path("DeadLetters")).isEmpty();
        } finally {
            function.stop(0);
        }
    }

    /**
     * CustomMessage through the real services: SignUp → user-pool-service asks the function (the JDK's HTTP server) for
     * the texts, giving it only the {@code {####}} placeholder → the outbox → Kafka → trigger-runner puts the real code
     * where the placeholder stands and mails the function's subject and message → the code read from that mail
     * confirms the sign-up.
     */
    @Test
    void aCustomMessageFunctionWritesTheMailedCodeThatConfirmsTheSignUp() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        HttpServer function = function("/custom-message", exchange -> {
            ObjectNode event = (ObjectNode) JSON.readTree(exchange.getRequestBody().readAllBytes());
            events.add(event);
            if ("CustomMessage_SignUp".equals(event.path("triggerSource").asText())) {
                event.putObject("response").put("emailSubject", "Welcome to Example")
                        .put("emailMessage", "Your code is " + event.path("request").path("codeParameter").asText() + ", "
                                + event.path("userName").asText())
                        .putNull("smsMessage");
            }
            byte[] answer = JSON.writeValueAsBytes(event);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        try (CognitoIdentityProviderClient operator = operatorClient();
             CognitoIdentityProviderClient app = appClient()) {
            String url = url(function, "/custom-message");
            String poolId = operator.createUserPool(r -> r.poolName("whole-stack-custom-message").autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                    .lambdaConfig(c -> c.customMessage(url))).userPool().id();
            String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")).userPoolClient().clientId();

            app.signUp(r -> r.clientId(clientId).username("reader").password("Reader-Passw0rd!")
                    .userAttributes(attribute("email", "reader@example.test")));

            await().atMost(Duration.ofSeconds(60)).until(() -> mail.to("reader@example.test") != null);
            String received = mail.to("reader@example.test");
            assertThat(received).contains("Subject: Welcome to Example").doesNotContain("{####}");
            Matcher code = Pattern.compile("Your code is (\\d{6}), reader").matcher(received);
            assertThat(code.find()).as(received).isTrue();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("triggerSource").asText()).isEqualTo("CustomMessage_SignUp");
            assertThat(events.get(0).path("request").path("codeParameter").asText()).isEqualTo("{####}");
            assertThat(events.get(0).path("request").path("userAttributes").path("email").asText()).isEqualTo("reader@example.test");

            app.confirmSignUp(r -> r.clientId(clientId).username("reader").confirmationCode(code.group(1)));
            assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username("reader")).userStatusAsString()).isEqualTo("CONFIRMED");
        } finally {
            function.stop(0);
        }
    }

    /** A {@code CognateAdmin.<action>} call, SigV4-signed with the operator's key by the AWS SDK's own signer. */
    private JsonNode cognateAdmin(String action, String body) throws Exception {
        URI endpoint = URI.create(services.get(0).baseUrl() + "/");
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", "CognateAdmin." + action).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(credentials.operatorAccessKeyId(), credentials.operatorSecretAccessKey()))
                .request(unsigned).payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cognito-idp")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                request.header(name, values.get(0));
            }
        });
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A function on this machine (the JDK's HTTP server, started) answering {@code path} as {@code handler} does. */
    private static HttpServer function(String path, HttpHandler handler) throws java.io.IOException {
        HttpServer function = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 0);
        function.createContext(path, handler);
        function.start();
        return function;
    }

    private static String url(HttpServer function, String path) {
        return "http://127.0.0.1:" + function.getAddress().getPort() + path;
    }

    /** A client as an app calls user-pool-service: unsigned. */
    private CognitoIdentityProviderClient appClient() {
        return CognitoIdentityProviderClient.builder().endpointOverride(URI.create(services.get(0).baseUrl()))
                .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private CognitoIdentityProviderClient operatorClient() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(services.get(0).baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(operator(credentials)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** user-pool-service → cognate.messages (sealed password) → trigger-runner → the SMTP server. */
    private void assertInvitationMailed(String recipient) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.to(recipient) != null);
        assertThat(mail.to(recipient)).contains("To: " + recipient, "Subject: Your temporary password")
                .containsPattern("Your username is invited and temporary password is \\S+\\.")
                .doesNotContain("{####}");
    }

    /**
     * A user's whole way in across the services: SignUp (user-pool-service) → the code mailed by trigger-runner, read
     * from the SMTP server as the user would read it → ConfirmSignUp → InitiateAuth gives tokens.
     */
    private void signUpWithTheMailedCode(String userPoolUrl) throws Exception {
        try (CognitoIdentityProviderClient operator = CognitoIdentityProviderClient.builder().endpointOverride(URI.create(userPoolUrl))
                .region(Region.US_EAST_1).credentialsProvider(operator(credentials)).httpClient(UrlConnectionHttpClient.create()).build();
             CognitoIdentityProviderClient app = CognitoIdentityProviderClient.builder().endpointOverride(URI.create(userPoolUrl))
                     .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            String poolId = operator.createUserPool(r -> r.poolName("whole-stack-sign-up").autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                    .userPool().id();
            String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();
            app.signUp(r -> r.clientId(clientId).username("newcomer").password("Newcomer-Passw0rd!")
                    .userAttributes(AttributeType.builder().name("email").value("newcomer@example.test").build()));

            await().atMost(Duration.ofSeconds(60)).until(() -> mail.codeSentTo("newcomer@example.test") != null);
            String code = mail.codeSentTo("newcomer@example.test");
            app.confirmSignUp(r -> r.clientId(clientId).username("newcomer").confirmationCode(code));

            String accessToken = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "newcomer", "PASSWORD", "Newcomer-Passw0rd!"))).authenticationResult().accessToken();
            assertThat(app.getUser(r -> r.accessToken(accessToken)).username()).isEqualTo("newcomer");
        }
    }

    private static StaticCredentialsProvider operator(LocalCredentials credentials) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.operatorAccessKeyId(), credentials.operatorSecretAccessKey()));
    }

    /** The four services of {@link CognateService#ALL}, on the given ports instead of 8081–8084 (and 8091, 8094). */
    private static List<CognateService> services(int userPool, int userPoolInternal, int hostedUi, int identityPool, int triggerRunner,
                                                 int triggerRunnerInternal, StackMail mail, KeyPair customSenderKey) {
        String customSenderPublicKey = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(customSenderKey.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        CognateService idp = new CognateService(CognateService.USER_POOL.name(), CognateService.USER_POOL.displayName(), userPool,
                Map.of("COGNATE_PUBLIC_BASE_URL", "http://localhost:" + userPool,
                        "COGNATE_HOSTED_UI_PREFIX_DOMAIN_TEMPLATE", "http://{domain}.auth.{region}.localhost:" + hostedUi,
                        "COGNATE_INTERNAL_API_PORT", Integer.toString(userPoolInternal), "COGNATE_INTERNAL_API_HOST", Ports.LOOPBACK,
                        "QUARKUS_REST_CLIENT_TRIGGER_RUNNER_URL", "http://localhost:" + triggerRunnerInternal,
                        "COGNATE_TRIGGERS_CUSTOM_SENDER_PUBLIC_KEY", customSenderPublicKey,
                        // the upstream OpenID Provider of HostedFederationJourney runs on this machine, over http
                        "COGNATE_FEDERATION_ALLOW_LOOPBACK_HTTP", "true"));
        Map<String, String> triggerRunnerEnvironment = new LinkedHashMap<>(mail.triggerRunnerEnvironment());
        triggerRunnerEnvironment.put("COGNATE_INTERNAL_API_PORT", Integer.toString(triggerRunnerInternal));
        triggerRunnerEnvironment.put("COGNATE_INTERNAL_API_HOST", Ports.LOOPBACK);
        triggerRunnerEnvironment.put("COGNATE_TRIGGERS_ALLOWED_EGRESS_HOSTS", "localhost,127.0.0.1");
        // Durable post-event triggers give up after 3 attempts, 1 s then 2 s apart, so a dead letter comes within seconds.
        triggerRunnerEnvironment.put("COGNATE_EVENT_DELIVERIES_MAX_ATTEMPTS", "3");
        triggerRunnerEnvironment.put("COGNATE_EVENT_DELIVERIES_INITIAL_BACKOFF", "1s");
        triggerRunnerEnvironment.put("COGNATE_EVENT_DELIVERIES_MAX_BACKOFF", "2s");
        triggerRunnerEnvironment.put("COGNATE_EVENT_DELIVERIES_POLL_INTERVAL", "300ms");
        return List.of(idp,
                new CognateService(CognateService.HOSTED_UI.name(), CognateService.HOSTED_UI.displayName(), hostedUi,
                        Map.of("QUARKUS_REST_CLIENT_USER_POOL_URL", idp.baseUrl(), "COGNATE_ISSUER_BASE_URL", idp.baseUrl(),
                                "QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://localhost:" + userPoolInternal)),
                // user pool ID tokens are logins of identity pools: their issuer is this stack's user-pool-service
                new CognateService(CognateService.IDENTITY_POOL.name(), CognateService.IDENTITY_POOL.displayName(), identityPool,
                        Map.of("COGNATE_LOGINS_USER_POOL_ISSUER_BASE_URL", idp.baseUrl())),
                new CognateService(CognateService.TRIGGER_RUNNER.name(), CognateService.TRIGGER_RUNNER.displayName(), triggerRunner,
                        triggerRunnerEnvironment));
    }

    /**
     * A Lambda trigger moved over unchanged: deploy/functions/serve.mjs serves the two example handlers (PreSignUp that
     * auto-confirms a domain, callback-style PreTokenGeneration that adds a claim) with the pool's webhook secret from
     * {@code CognateAdmin.GetTriggerWebhookSecret}; the pool's LambdaConfig names their loopback URLs. A sign-up from the
     * domain is confirmed with its email verified, one from elsewhere is not, one the handler throws on is refused with
     * its message, and the ID token of a sign-in carries the added claim.
     */
    @Test
    void theNodeAdapterRunsUnchangedLambdaTriggersThroughTheStack() throws Exception {
        assumeTrue(ScriptRun.works("node", "--version"), "needs node on the PATH (Debian's nodejs)");
        Path adapter = FunctionAdapter.directory(layout);
        try (CognitoIdentityProviderClient operator = operatorClient();
             CognitoIdentityProviderClient app = appClient()) {
            String poolId = operator.createUserPool(r -> r.poolName("whole-stack-node-adapter")
                    .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
            String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();
            String secret = OperatorCall.call(services.get(0).baseUrl(), credentials, "CognateAdmin.GetTriggerWebhookSecret",
                    JSON.writeValueAsString(Map.of("UserPoolId", poolId))).path("Secret").asText();
            assertThat(secret).startsWith("whsec_");

            try (FunctionAdapter preSignUp = FunctionAdapter.start(adapter, "examples/pre-sign-up-auto-confirm.mjs", secret,
                    Map.of("AUTO_CONFIRM_DOMAINS", "example.com"), layout.logsDir().resolve("function-pre-sign-up.log"));
                 FunctionAdapter preTokenGeneration = FunctionAdapter.start(adapter, "examples/pre-token-generation-add-claim.mjs", secret,
                         Map.of(), layout.logsDir().resolve("function-pre-token-generation.log"))) {
                operator.updateUserPool(r -> r.userPoolId(poolId).autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                        .lambdaConfig(c -> c.preSignUp(preSignUp.url() + "/pre-sign-up").preTokenGeneration(preTokenGeneration.url() + "/pre-token")));

                assertThat(app.signUp(r -> r.clientId(clientId).username("ada").password("Ada-Passw0rd!")
                        .userAttributes(attribute("email", "ada@example.com"), attribute("phone_number", "+15555550100"))).userConfirmed())
                        .isTrue();
                assertThat(app.signUp(r -> r.clientId(clientId).username("bob").password("Bob-Passw0rd!")
                        .userAttributes(attribute("email", "bob@elsewhere.test"))).userConfirmed()).isFalse();
                UserLambdaValidationException refused = catchThrowableOfType(UserLambdaValidationException.class, () -> app.signUp(r -> r
                        .clientId(clientId).username("eve").password("Eve-Passw0rd!").userAttributes(attribute("email", "eve@spam.invalid"))));
                assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("PreSignUp failed with error sign-ups from spam.invalid are not accepted.");

                assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username("ada")).userStatusAsString()).isEqualTo("CONFIRMED");
                assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username("ada")).userAttributes())
                        .contains(attribute("email_verified", "true"));
                assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username("bob")).userStatusAsString()).isEqualTo("UNCONFIRMED");
                assertThat(catchThrowableOfType(UserNotFoundException.class, () -> operator.adminGetUser(r -> r.userPoolId(poolId).username("eve"))))
                        .isNotNull();

                var tokens = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "ada", "PASSWORD", "Ada-Passw0rd!"))).authenticationResult();
                JsonNode idToken = jwtClaims(tokens.idToken());
                assertThat(idToken.path("tenant").asText()).isEqualTo("example.com");
                assertThat(idToken.path("email").asText()).isEqualTo("ada@example.com");
                assertThat(idToken.has("phone_number")).as("suppressed by the function: %s", idToken).isFalse();
                assertThat(jwtClaims(tokens.accessToken()).has("tenant")).isFalse();

                assertThat(preSignUp.log()).contains("PreSignUp_SignUp answered", "PreSignUp_SignUp failed");
                assertThat(preTokenGeneration.log()).contains("TokenGeneration_Authentication answered");
            }
        }
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static JsonNode jwtClaims(String jwt) throws java.io.IOException {
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

}
