package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.service.AuthEventService;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListUserAuthEventsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthEventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeName;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EventResponseType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RiskDecisionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AdminListUserAuthEvents through the AWS SDK for Java v2: the sign-ins, refusals, sign-ups, resent codes, password
 * changes, sign-outs and revocations a user went through, newest first — for a pool without the threat-protection add-on (beyond Cognito).
 */
@QuarkusTest
class AdminListUserAuthEventsTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";

    @Inject
    Pool db;

    @Inject
    AuthEventService authEvents;

    private CognitoIdentityProviderClient anonymous;
    private String poolId;
    private String clientId;

    @BeforeEach
    void createPoolAndClient() {
        anonymous = CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create()).build();
        poolId = newPool("auth-events");
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    private String createUser(String username) {
        String sub = cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                        .temporaryPassword("Temporary-Pass-1"))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
        return sub;
    }

    private AuthenticationResultType signIn(String username, String password) {
        return anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult();
    }

    private List<AuthEventType> events(String username) {
        return cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username(username)).authEvents();
    }

    /** The audit reasons stored with the events, newest first (not part of Cognito's AuthEventType). */
    private List<String> reasons(String sub) {
        List<String> reasons = new ArrayList<>();
        for (Row row : db.preparedQuery("SELECT reason FROM auth_events WHERE user_pool_id = $1 AND sub = $2 ORDER BY created_at DESC, event_id DESC")
                .execute(Tuple.of(poolId, UUID.fromString(sub))).await().indefinitely()) {
            reasons.add(row.getString(0));
        }
        return reasons;
    }

    @Test
    void signInsAndRefusalsAreListedNewestFirstAsCognitosAuthEventType() {
        String sub = createUser("alice");
        Instant before = Instant.now().minusSeconds(1);
        assertThatThrownBy(() -> signIn("alice", "Wrong-Pass-1")).isInstanceOf(NotAuthorizedException.class);
        signIn("alice", PASSWORD);
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("alice"));
        assertThatThrownBy(() -> signIn("alice", PASSWORD)).isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("User is disabled.");

        List<AuthEventType> events = events("alice");

        assertThat(events).extracting(AuthEventType::eventType).containsExactly(EventType.SIGN_IN, EventType.SIGN_IN, EventType.SIGN_IN);
        assertThat(events).extracting(AuthEventType::eventResponse)
                .containsExactly(EventResponseType.FAIL, EventResponseType.PASS, EventResponseType.FAIL);
        assertThat(events.get(0).challengeResponses()).singleElement().satisfies(c -> {
            assertThat(c.challengeName()).isEqualTo(ChallengeName.PASSWORD);
            assertThat(c.challengeResponse()).isEqualTo(ChallengeResponse.SUCCESS);
        });
        assertThat(events.get(1).challengeResponses()).singleElement()
                .satisfies(c -> assertThat(c.challengeResponse()).isEqualTo(ChallengeResponse.SUCCESS));
        assertThat(events.get(2).challengeResponses()).singleElement()
                .satisfies(c -> assertThat(c.challengeResponse()).isEqualTo(ChallengeResponse.FAILURE));
        assertThat(reasons(sub)).containsExactly("disabled", null, "wrong_password");
        for (AuthEventType event : events) {
            assertThat(UUID.fromString(event.eventId())).isNotNull();
            assertThat(event.creationDate()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
            assertThat(event.eventRisk().riskDecision()).isEqualTo(RiskDecisionType.NO_RISK);
            assertThat(event.eventRisk().riskLevel()).isNull();
            assertThat(event.eventRisk().compromisedCredentialsDetected()).isFalse();
            assertThat(event.eventContextData().ipAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(event.eventContextData().deviceName()).isNull();
            assertThat(event.eventFeedback()).isNull();
        }
        assertThat(events).extracting(AuthEventType::creationDate).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void aLockedUsersRefusalsAreRecordedWithoutAPasswordCheck() {
        String sub = createUser("bob");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> signIn("bob", "Wrong-Pass-1")).isInstanceOf(NotAuthorizedException.class);
        }
        assertThatThrownBy(() -> signIn("bob", PASSWORD)).isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Password attempts exceeded");

        List<AuthEventType> events = events("bob");
        assertThat(events).hasSize(6);
        assertThat(events.get(0).eventResponse()).isEqualTo(EventResponseType.FAIL);
        assertThat(events.get(0).challengeResponses()).isEmpty();
        assertThat(reasons(sub)).containsExactly("locked", "wrong_password", "wrong_password", "wrong_password", "wrong_password",
                "wrong_password");
    }

    @Test
    void passwordChangesSignOutsAndRevocationsAreEventsToo() {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("carol").messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1"));
        var challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "carol", "PASSWORD", "Temporary-Pass-1")));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        AuthenticationResultType tokens = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "carol", "NEW_PASSWORD", PASSWORD))).authenticationResult();
        anonymous.revokeToken(r -> r.clientId(clientId).token(tokens.refreshToken()));
        AuthenticationResultType again = signIn("carol", PASSWORD);
        anonymous.globalSignOut(r -> r.accessToken(again.accessToken()));
        cognito.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username("carol"));

        List<AuthEventType> events = events("carol");

        assertThat(events).extracting(AuthEventType::eventTypeAsString)
                .containsExactly("SignOut", "SignOut", "SignIn", "TokenRevocation", "SignIn", "PasswordChange");
        assertThat(events).extracting(AuthEventType::eventResponse).containsOnly(EventResponseType.PASS);
        assertThat(events.get(0).challengeResponses()).isEmpty();
    }

    @Test
    void aPasswordResetWithAForgotPasswordCodeIsAForgotPasswordEvent() {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("gina").messageAction(MessageActionType.SUPPRESS).userAttributes(
                AttributeType.builder().name("email").value("gina@example.com").build(),
                AttributeType.builder().name("email_verified").value("true").build()));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("gina").password(PASSWORD).permanent(true));
        anonymous.forgotPassword(r -> r.clientId(clientId).username("gina"));
        String code = Mailbox.latest(db, poolId, "gina@example.com").code();
        anonymous.confirmForgotPassword(r -> r.clientId(clientId).username("gina").confirmationCode(code).password("New-Horse-10"));

        assertThat(events("gina")).singleElement().satisfies(event -> {
            assertThat(event.eventType()).isEqualTo(EventType.FORGOT_PASSWORD);
            assertThat(event.eventResponse()).isEqualTo(EventResponseType.PASS);
        });
    }

    @Test
    void aSignUpAndAResentCodeAreEventsOfTheNewUser() {
        String pool = cognito.createUserPool(r -> r.poolName("auth-events-signup " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool().id();
        String client = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("app")).userPoolClient().clientId();
        anonymous.signUp(r -> r.clientId(client).username("hank").password(PASSWORD)
                .userAttributes(AttributeType.builder().name("email").value("hank@example.com").build()));
        anonymous.resendConfirmationCode(r -> r.clientId(client).username("hank"));
        anonymous.resendConfirmationCode(r -> r.clientId(client).username("nobody"));

        List<AuthEventType> events = cognito.adminListUserAuthEvents(r -> r.userPoolId(pool).username("hank")).authEvents();

        assertThat(events).extracting(AuthEventType::eventType).containsExactly(EventType.RESEND_CODE, EventType.SIGN_UP);
        assertThat(events).extracting(AuthEventType::eventResponse).containsOnly(EventResponseType.PASS);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.challengeResponses()).isEmpty();
            assertThat(event.eventContextData().ipAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
        assertThat(db.preparedQuery("SELECT count(*) FROM auth_events WHERE user_pool_id = $1").execute(Tuple.of(pool)).await().indefinitely()
                .iterator().next().getLong(0)).as("nothing recorded for the unknown name").isEqualTo(2L);
    }

    @Test
    void pagesFollowEachOtherNewestFirst() {
        createUser("dave");
        for (int attempt = 0; attempt < 4; attempt++) {
            assertThatThrownBy(() -> signIn("dave", "Wrong-Pass-1")).isInstanceOf(NotAuthorizedException.class);
        }
        signIn("dave", PASSWORD);
        List<String> all = events("dave").stream().map(AuthEventType::eventId).toList();
        assertThat(all).hasSize(5);

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            AdminListUserAuthEventsResponse page = cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("dave")
                    .maxResults(2).nextToken(next));
            assertThat(page.authEvents()).hasSizeLessThanOrEqualTo(2);
            page.authEvents().forEach(event -> paged.add(event.eventId()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("dave").maxResults(0)).authEvents()).hasSize(5);
    }

    @Test
    void unknownUsersPoolsAndBadParametersAreRefused() {
        createUser("erin");
        assertThatThrownBy(() -> cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("nobody")))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");
        assertThatThrownBy(() -> cognito.adminListUserAuthEvents(r -> r.userPoolId("us-east-1_Nope12345").username("erin")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("erin").maxResults(61)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("maxResults");
        assertThatThrownBy(() -> cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("erin").maxResults(-1)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("maxResults");
        assertThatThrownBy(() -> cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("erin").nextToken("not-a-token")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId)))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(events("erin")).isEmpty();
    }

    @Test
    void thePurgeDeletesEventsOlderThanTheRetention() {
        String sub = createUser("frank");
        signIn("frank", PASSWORD);
        Instant now = Instant.now();
        for (Duration age : List.of(Duration.ofDays(91), Duration.ofDays(200), Duration.ofDays(89))) {
            db.preparedQuery("INSERT INTO auth_events (event_id, user_pool_id, sub, event_type, event_response, created_at)"
                            + " VALUES ($1, $2, $3, 'SignIn', 'Pass', $4)")
                    .execute(Tuple.of(UUID.randomUUID(), poolId, UUID.fromString(sub), now.minus(age).atOffset(java.time.ZoneOffset.UTC)))
                    .await().indefinitely();
        }
        assertThat(events("frank")).hasSize(4);

        int deleted = authEvents.purgeExpired().await().indefinitely();

        assertThat(deleted).isGreaterThanOrEqualTo(2);
        List<AuthEventType> kept = events("frank");
        assertThat(kept).hasSize(2);
        assertThat(kept).allMatch(event -> event.creationDate().isAfter(now.minus(Duration.ofDays(90))));
    }
}
