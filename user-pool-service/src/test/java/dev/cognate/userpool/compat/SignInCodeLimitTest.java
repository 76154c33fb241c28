package dev.cognate.userpool.compat;

import dev.cognate.userpool.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-user limit on one-time sign-in codes (auth/SignInCodeLimit) through the AWS SDK for Java v2, without retries so
 * that one call is one attempt: five SMS_MFA sign-ins send five codes, the sixth answers {@code TooManyRequestsException}
 * and sends nothing; the next window sends again; a passwordless EMAIL_OTP sign-in and an unknown name's decoy are limited
 * alike; a counter Redis cannot count fails closed.
 */
@QuarkusTest
class SignInCodeLimitTest extends SignInFixture {

    private static final String PHONE = "+15555550123";
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int LIMIT = 5;

    @Inject
    MovableClock clock;

    CognitoIdentityProviderClient noRetries;

    @BeforeEach
    void clientWithoutRetriesAtTheStartOfAWindow() {
        noRetries = CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry())).build();
        // a window lasts 15 minutes from a multiple of 15 minutes: start just after one, so no test straddles two
        long now = clock.instant().getEpochSecond();
        clock.advance(Duration.ofSeconds(WINDOW.toSeconds() - now % WINDOW.toSeconds() + 1));
    }

    @AfterEach
    void putTimeBack() {
        clock.reset();
        noRetries.close();
    }

    private void smsMfaUser(String username) {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .smsMfaConfiguration(s -> s.smsAuthenticationMessage("Your sign-in code is {####}")
                        .smsConfiguration(c -> c.snsCallerArn("arn:aws:iam::123456789012:role/cognito-sms"))));
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1").userAttributes(attribute("phone_number", PHONE), attribute("phone_number_verified", "true")));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private InitiateAuthResponse signIn(String username) {
        return noRetries.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD)));
    }

    private long sentTo(String destination) {
        return Mailbox.codes(db, poolId).stream().filter(message -> message.destination().equals(destination)).count();
    }

    @Test
    void theSixthSmsCodeInAWindowIsRefusedAndNotSentAndTheNextWindowSendsAgain() {
        smsMfaUser("sam");
        for (int i = 0; i < LIMIT; i++) {
            assertThat(signIn("sam").challengeName()).isEqualTo(ChallengeNameType.SMS_MFA);
        }
        assertThat(sentTo(PHONE)).isEqualTo(LIMIT);

        assertThatThrownBy(() -> signIn("sam")).isInstanceOf(TooManyRequestsException.class)
                .hasMessageStartingWith("Too many codes were sent to this user, please try after some time.")
                .satisfies(e -> assertThat(((TooManyRequestsException) e).statusCode()).isEqualTo(429));
        assertThatThrownBy(() -> signIn("sam")).as("still refused").isInstanceOf(TooManyRequestsException.class);
        assertThat(sentTo(PHONE)).as("nothing sent beyond the limit").isEqualTo(LIMIT);

        clock.advance(WINDOW);
        InitiateAuthResponse again = signIn("sam");
        assertThat(again.challengeName()).isEqualTo(ChallengeNameType.SMS_MFA);
        assertThat(sentTo(PHONE)).isEqualTo(LIMIT + 1);
        String code = Mailbox.latest(db, poolId, PHONE).code();
        var signedIn = noRetries.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.SMS_MFA)
                .session(again.session()).challengeResponses(Map.of("USERNAME", "sam", "SMS_MFA_CODE", code)));
        assertThat(signedIn.authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void oneUsersLimitDoesNotStopAnother() {
        smsMfaUser("ann");
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("bob").messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1").userAttributes(attribute("phone_number", "+15555550124"),
                        attribute("phone_number_verified", "true")));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("bob").password(PASSWORD).permanent(true));
        for (int i = 0; i < LIMIT; i++) {
            signIn("ann");
        }
        assertThatThrownBy(() -> signIn("ann")).isInstanceOf(TooManyRequestsException.class);
        assertThat(signIn("bob").challengeName()).isEqualTo(ChallengeNameType.SMS_MFA);
    }

    @Test
    void passwordlessEmailOtpAndAnUnknownNamesDecoyAreLimitedAlike() {
        poolId = cognito.createUserPool(r -> r.poolName("otp " + unique())
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("PASSWORD", "EMAIL_OTP")))).userPool().id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("olga").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attribute("email", "olga@example.com"), attribute("email_verified", "true")));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("olga").password(PASSWORD).permanent(true));
        for (String name : new String[] {"olga", "ghost@example.com"}) {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(emailOtp(name).challengeName()).isEqualTo(ChallengeNameType.EMAIL_OTP);
            }
            assertThatThrownBy(() -> emailOtp(name)).as(name).isInstanceOf(TooManyRequestsException.class)
                    .hasMessageStartingWith("Too many codes were sent to this user, please try after some time.");
        }
        assertThat(sentTo("olga@example.com")).isEqualTo(LIMIT);
        assertThat(Mailbox.rawMessages(db, poolId)).as("the decoy sends nothing").hasSize(LIMIT);
    }

    private InitiateAuthResponse emailOtp(String username) {
        return noRetries.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_AUTH)
                .authParameters(Map.of("USERNAME", username, "PREFERRED_CHALLENGE", "EMAIL_OTP")));
    }

    @Test
    void aCounterRedisCannotCountFailsClosedAndSendsNothing() {
        smsMfaUser("ivy");
        String sub = cognito.adminGetUser(r -> r.userPoolId(poolId).username("ivy")).userAttributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        long window = clock.instant().getEpochSecond() / WINDOW.toSeconds();
        // INCR on a value that is no integer fails in Redis: the counter is unusable, as with Redis down
        redis.value(String.class).set("cognate:sign-in-code-sends:" + poolId + ":" + sub + ":" + window, "not-a-number");

        assertThatThrownBy(() -> signIn("ivy")).isInstanceOf(InternalErrorException.class);
        assertThat(sentTo(PHONE)).isZero();
    }
}
