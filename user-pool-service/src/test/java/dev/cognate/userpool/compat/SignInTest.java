package dev.cognate.userpool.compat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * API password sign-in through the AWS SDK for Java v2 (anonymous credentials for the unauthenticated actions):
 * USER_PASSWORD_AUTH and the admin flows, Cognito's refusals, NEW_PASSWORD_REQUIRED, sessions and lockout.
 */
@QuarkusTest
class SignInTest extends SignInFixture {

    @Test
    void userPasswordAuthIssuesCognitosTokens() throws Exception {
        String sub = createUser("alice", true);
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("readers").precedence(5).roleArn("arn:aws:iam::000000000000:role/Readers"));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("admins").precedence(1).roleArn("arn:aws:iam::000000000000:role/Admins"));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("aaa-no-precedence"));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("zz-last").precedence(5));
        for (String group : List.of("readers", "admins", "aaa-no-precedence", "zz-last")) {
            cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).username("alice").groupName(group));
        }

        AuthenticationResultType result = passwordAuth(clientId, "alice", PASSWORD).authenticationResult();
        assertThat(result.tokenType()).isEqualTo("Bearer");
        assertThat(result.expiresIn()).isEqualTo(3600);
        assertThat(result.refreshToken()).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");

        JwtClaims id = verify(result.idToken(), clientId);
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(id.getClaimValue("token_use")).isEqualTo("id");
        assertThat(id.getClaimValue("cognito:username")).isEqualTo("alice");
        assertThat(id.getStringListClaimValue("cognito:groups")).containsExactly("admins", "readers", "zz-last", "aaa-no-precedence");
        assertThat(id.getStringListClaimValue("cognito:roles"))
                .containsExactly("arn:aws:iam::000000000000:role/Admins", "arn:aws:iam::000000000000:role/Readers");
        assertThat(id.getClaimValue("cognito:preferred_role")).isEqualTo("arn:aws:iam::000000000000:role/Admins");
        assertThat(id.getClaimValue("email")).isEqualTo("alice@example.com");
        assertThat(id.getClaimValue("email_verified")).isEqualTo(true);
        assertThat(id.getExpirationTime().getValue() - id.getIssuedAt().getValue()).isEqualTo(3600);
        assertThat(id.getClaimsMap().keySet()).contains("origin_jti", "event_id", "auth_time", "jti", "aud", "iss", "exp", "iat");

        JwtClaims access = verify(result.accessToken(), null);
        assertThat(access.getSubject()).isEqualTo(sub);
        assertThat(access.getClaimValue("token_use")).isEqualTo("access");
        assertThat(access.getClaimValue("client_id")).isEqualTo(clientId);
        assertThat(access.getClaimValue("username")).isEqualTo("alice");
        assertThat(access.getClaimValue("scope")).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(access.getStringListClaimValue("cognito:groups")).containsExactly("admins", "readers", "zz-last", "aaa-no-precedence");
        assertThat(access.getAudience()).isEmpty();
        assertThat(access.getClaimValue("origin_jti")).isEqualTo(id.getClaimValue("origin_jti"));
        assertThat(access.getClaimsMap().keySet()).containsExactlyInAnyOrder("sub", "cognito:groups", "iss", "client_id", "origin_jti",
                "event_id", "token_use", "scope", "auth_time", "exp", "iat", "jti", "username");
        assertThat(kid(result.idToken())).isEqualTo(jwks().getJsonWebKeys().get(0).getKeyId());

        assertThat(OutboxRows.forPool(db, poolId, "authFlow")).anyMatch(row -> row.type().equals("cognate.userpool.user.signed_in.v1")
                && "USER_PASSWORD_AUTH".equals(row.subjectOfData()) && row.key().equals(poolId + "/" + sub));
    }

    @Test
    void clientReadAttributesFilterTheIdToken() throws Exception {
        createUser("reader", true);
        String restricted = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("restricted")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .readAttributes("email").accessTokenValidity(2).idTokenValidity(3)
                .tokenValidityUnits(units -> units.accessToken("hours").idToken("hours"))).userPoolClient().clientId();
        AuthenticationResultType result = passwordAuth(restricted, "reader", PASSWORD).authenticationResult();
        JwtClaims id = verify(result.idToken(), restricted);
        assertThat(id.getClaimValue("email")).isEqualTo("reader@example.com");
        assertThat(id.hasClaim("email_verified")).isFalse();
        assertThat(id.getExpirationTime().getValue() - id.getIssuedAt().getValue()).isEqualTo(3 * 3600);
        assertThat(result.expiresIn()).isEqualTo(2 * 3600);
    }

    @Test
    void adminUserPasswordAuthAndLegacyAdminNoSrpAuth() throws Exception {
        createUser("bob", true);
        AdminInitiateAuthResponse response = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "bob", "PASSWORD", PASSWORD)));
        assertThat(verify(response.authenticationResult().idToken(), clientId).getClaimValue("cognito:username")).isEqualTo("bob");

        String legacy = newClient(List.of(ExplicitAuthFlowsType.ADMIN_NO_SRP_AUTH), false);
        AdminInitiateAuthResponse old = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(legacy)
                .authFlow(AuthFlowType.ADMIN_NO_SRP_AUTH).authParameters(Map.of("USERNAME", "bob", "PASSWORD", PASSWORD)));
        assertThat(old.authenticationResult().accessToken()).isNotBlank();

        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "bob", "PASSWORD", PASSWORD))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Initiate Auth method not supported.");
    }

    @Test
    void flowsTheClientDoesNotAllowAreRefused() {
        createUser("carol", true);
        String srpOnly = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
        assertThatThrownBy(() -> passwordAuth(srpOnly, "carol", PASSWORD))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("USER_PASSWORD_AUTH flow not enabled for this client");
        assertThatThrownBy(() -> cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(srpOnly)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "carol", "PASSWORD", PASSWORD))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("ADMIN_USER_PASSWORD_AUTH flow not enabled for this client");
    }

    @Test
    void secretHashIsRequiredForClientsWithASecret() {
        createUser("dave", true);
        var created = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("secret").generateSecret(true)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
        assertThatThrownBy(() -> passwordAuth(created.clientId(), "dave", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("SECRET_HASH was not received");
        String hash = dev.cognate.userpool.service.ClientAuthenticator.secretHash(created.clientSecret(), "dave", created.clientId());
        InitiateAuthResponse response = anonymous.initiateAuth(r -> r.clientId(created.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "dave", "PASSWORD", PASSWORD, "SECRET_HASH", hash)));
        assertThat(response.authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void wrongPasswordsAndUnknownUsersAnswerAlike() {
        createUser("erin", true);
        assertThatThrownBy(() -> passwordAuth(clientId, "erin", "Wrong-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        assertThatThrownBy(() -> passwordAuth(clientId, "nobody", "Wrong-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");

        String legacy = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("legacy")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .preventUserExistenceErrors(PreventUserExistenceErrorTypes.LEGACY)).userPoolClient().clientId();
        assertThatThrownBy(() -> passwordAuth(legacy, "nobody", "Wrong-Pass-1"))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");

        List<OutboxRows.Row> failures = OutboxRows.forPool(db, poolId, "reason").stream()
                .filter(row -> row.type().equals("cognate.userpool.user.sign_in_failed.v1")).toList();
        assertThat(failures).extracting(OutboxRows.Row::subjectOfData).containsExactly("wrong_password", "unknown_user", "unknown_user");
        assertThat(OutboxRows.forPool(db, poolId, "password")).allMatch(row -> row.subjectOfData() == null);
    }

    @Test
    void accountStatesAreRefusedWithCognitosErrors() {
        createUser("disabled", true);
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("disabled"));
        assertThatThrownBy(() -> passwordAuth(clientId, "disabled", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("User is disabled.");

        createUser("reset", true);
        cognito.adminResetUserPassword(r -> r.userPoolId(poolId).username("reset"));
        assertThatThrownBy(() -> passwordAuth(clientId, "reset", PASSWORD))
                .isInstanceOf(PasswordResetRequiredException.class).hasMessageStartingWith("Password reset required for the user");

        createUser("unconfirmed", true);
        db.preparedQuery("UPDATE users SET status = 'UNCONFIRMED' WHERE user_pool_id = $1 AND username = 'unconfirmed'")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThatThrownBy(() -> passwordAuth(clientId, "unconfirmed", PASSWORD))
                .isInstanceOf(UserNotConfirmedException.class).hasMessageStartingWith("User is not confirmed.");

        createUser("expired", false);
        db.preparedQuery("UPDATE users SET temporary_password_expires_at = now() - interval '1 minute' WHERE user_pool_id = $1 AND username = 'expired'")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThatThrownBy(() -> passwordAuth(clientId, "expired", "Temporary-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Temporary password has expired and must be reset by an administrator.");
    }

    @Test
    void temporaryPasswordLeadsToNewPasswordRequired() throws Exception {
        String sub = createUser("frank", false);
        InitiateAuthResponse challenge = passwordAuth(clientId, "frank", "Temporary-Pass-1");
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(challenge.authenticationResult()).isNull();
        assertThat(challenge.session()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(JSON.readTree(challenge.challengeParameters().get("userAttributes")).path("email").asText()).isEqualTo("frank@example.com");
        assertThat(challenge.challengeParameters().get("requiredAttributes")).isEqualTo("[]");
        assertThat(challenge.challengeParameters().get("USER_ID_FOR_SRP")).isEqualTo("frank");

        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", "frank", "NEW_PASSWORD", "short"))))
                .isInstanceOf(InvalidPasswordException.class);

        // a password the policy refuses leaves the session usable
        InitiateAuthResponse again = challenge;
        RespondToAuthChallengeResponse answered = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(again.session())
                .challengeResponses(Map.of("USERNAME", "frank", "NEW_PASSWORD", "Brand-New-Pass-2", "userAttributes.given_name", "Frank")));
        JwtClaims id = verify(answered.authenticationResult().idToken(), clientId);
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(id.getClaimValue("given_name")).isEqualTo("Frank");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("frank")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(passwordAuth(clientId, "frank", "Brand-New-Pass-2").authenticationResult()).isNotNull();

        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(again.session()).challengeResponses(Map.of("USERNAME", "frank", "NEW_PASSWORD", "Brand-New-Pass-3"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
    }

    @Test
    void adminRespondToAuthChallengeAnswersNewPasswordRequired() throws Exception {
        String sub = createUser("uma", false);
        AdminInitiateAuthResponse challenge = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "uma", "PASSWORD", "Temporary-Pass-1")));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);

        String otherClient = newClient(List.of(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH), false);
        assertThatThrownBy(() -> cognito.adminRespondToAuthChallenge(r -> r.userPoolId(poolId).clientId(otherClient)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "uma", "NEW_PASSWORD", "Brand-New-Pass-2"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");

        AdminInitiateAuthResponse again = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "uma", "PASSWORD", "Temporary-Pass-1")));
        var answered = cognito.adminRespondToAuthChallenge(r -> r.userPoolId(poolId).clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(again.session())
                .challengeResponses(Map.of("USERNAME", "uma", "NEW_PASSWORD", "Brand-New-Pass-2")));
        assertThat(verify(answered.authenticationResult().accessToken(), null).getSubject()).isEqualTo(sub);
        assertThatThrownBy(() -> passwordAuth(clientId, "uma", "Temporary-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
    }

    @Test
    void anExpiredSessionIsRefused() {
        createUser("gina", false);
        InitiateAuthResponse challenge = passwordAuth(clientId, "gina", "Temporary-Pass-1");
        redis.key().del("cognate:auth-session:" + challenge.session());
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", "gina", "NEW_PASSWORD", "Brand-New-Pass-2"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session("made-up-session-0123456789").challengeResponses(Map.of("USERNAME", "gina", "NEW_PASSWORD", "Brand-New-Pass-2"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
    }

    @Test
    void sessionsLiveForTheClientsAuthSessionValidity() {
        createUser("hank", false);
        String client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("short")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .authSessionValidity(7)).userPoolClient().clientId();
        InitiateAuthResponse challenge = passwordAuth(client, "hank", "Temporary-Pass-1");
        assertThat(redis.key().ttl("cognate:auth-session:" + challenge.session())).isBetween(7 * 60L - 5, 7 * 60L);
    }

    @Test
    void fiveWrongPasswordsLockTheUserUntilTheLockPasses() {
        String sub = createUser("pete", true);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> passwordAuth(clientId, "pete", "Wrong-Pass-1"))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        }
        // one counter across the password paths
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                    .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "pete", "PASSWORD", "Wrong-Pass-1"))))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        }
        assertThatThrownBy(() -> passwordAuth(clientId, "pete", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");
        var row = db.preparedQuery("SELECT failures, locked_until > last_failure_at FROM sign_in_failures WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub))).await().indefinitely().iterator().next();
        assertThat(row.getInteger(0)).isEqualTo(5);
        assertThat(row.getBoolean(1)).isTrue();

        db.preparedQuery("UPDATE sign_in_failures SET locked_until = now() - interval '1 second' WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThat(passwordAuth(clientId, "pete", PASSWORD).authenticationResult()).isNotNull();
        assertThat(db.preparedQuery("SELECT count(*) FROM sign_in_failures WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0)).isZero();
        assertThat(OutboxRows.forPool(db, poolId, "reason")).anyMatch(r -> "locked".equals(r.subjectOfData()));
    }
}
