package dev.cognate.userpool.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.trigger.ChallengeResult;
import dev.cognate.userpool.trigger.ChallengeTriggerContext;
import dev.cognate.userpool.trigger.CreateAuthChallengeTrigger;
import dev.cognate.userpool.trigger.DefineAuthChallengeTrigger;
import dev.cognate.userpool.trigger.LambdaTriggers;
import dev.cognate.userpool.trigger.VerifyAuthChallengeResponseTrigger;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loop of the custom authentication flow (CUSTOM_AUTH), shared by its start ({@link CustomAuthFlow}), its custom
 * challenges ({@link CustomChallenge}) and the PASSWORD_VERIFIER step inside it ({@link PasswordVerifierChallenge}):
 * DefineAuthChallenge sees the history and decides —
 * <ul>
 *   <li>{@code failAuthentication}: NotAuthorizedException "Incorrect username or password." (recorded);</li>
 *   <li>{@code issueTokens}: the normal end of a sign-in ({@link SignInCompletion}); the MFA step the pool asks follows
 *       only when a password was verified in the flow (SRP_A, PASSWORD_VERIFIER), as Cognito; an unknown user is refused;</li>
 *   <li>{@code CUSTOM_CHALLENGE}: CreateAuthChallenge makes it; its public parameters go to the app, its private ones
 *       stay sealed in the session for VerifyAuthChallengeResponse;</li>
 *   <li>{@code PASSWORD_VERIFIER}, after the flow started with SRP_A: USER_SRP_AUTH's very challenge.</li>
 * </ul>
 * A flow has at most {@link #MAX_CHALLENGES} challenges (Cognate's bound: each step's session lives the client's
 * AuthSessionValidity, so a flow ends after at most that many steps of that lifetime); one more is refused as a failed
 * authentication.
 */
@ApplicationScoped
public class CustomAuthSteps {

    static final String FLOW = "CUSTOM_AUTH";
    static final String CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE";
    static final String SRP_A = "SRP_A";
    static final int MAX_CHALLENGES = 10;
    static final String PRIVATE_PARAMETERS = "custom.private";
    static final String METADATA = "custom.metadata";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DefineAuthChallengeTrigger define;
    private final CreateAuthChallengeTrigger create;
    private final SignInAudit audit;
    private final SignInCompletion completion;
    private final UserSrpAuthFlow srp;
    private final AuthSessionStore sessions;
    private final SecretCipher cipher;
    private final Clock clock;

    public CustomAuthSteps(DefineAuthChallengeTrigger define, CreateAuthChallengeTrigger create, SignInAudit audit,
                           SignInCompletion completion, UserSrpAuthFlow srp, AuthSessionStore sessions, SecretCipher cipher, Clock clock) {
        this.define = define;
        this.create = create;
        this.audit = audit;
        this.completion = completion;
        this.srp = srp;
        this.sessions = sessions;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * What the challenge triggers' events share for this sign-in: {@code userNotFound} only for clients with
     * PreventUserExistenceErrors ENABLED (a LEGACY client is told "User does not exist." before any trigger runs).
     *
     * @param user     the user, null when the name matches none
     * @param username the stored username, or the name given when it matches none
     */
    static ChallengeTriggerContext triggerContext(AuthContext context, User user, String username) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (user != null) {
            attributes.put("sub", user.sub().toString());
            attributes.put("cognito:user_status", user.status().name());
            attributes.putAll(user.attributes());
        }
        return new ChallengeTriggerContext(context.pool().id(), context.pool().config().lambdaConfig(), username, context.client().clientId(),
                attributes, context.clientMetadata(), context.revealsUnknownUsers() ? null : user == null);
    }

    /** Asks DefineAuthChallenge what follows {@code state}'s history, and does it. */
    Uni<AuthResponse> next(AuthContext context, User user, String username, CustomAuthState state) {
        ChallengeTriggerContext triggers = triggerContext(context, user, username);
        return define.run(triggers, state.history()).chain(decision -> {
            if (decision.failAuthentication()) {
                return refuse(context, user, username, "custom_auth_failed");
            }
            if (decision.issueTokens()) {
                if (user == null) {
                    return refuse(context, null, username, "unknown_user");
                }
                return state.passwordVerified() ? completion.afterFirstFactor(context, user) : completion.finishWithoutPassword(context, user);
            }
            if (decision.challengeName() == null) {
                return Uni.createFrom().failure(LambdaTriggers.invalidResponse());
            }
            if (state.history().size() >= MAX_CHALLENGES) {
                return refuse(context, user, username, "custom_auth_too_many_challenges");
            }
            if (CUSTOM_CHALLENGE.equals(decision.challengeName())) {
                return customChallenge(context, user, username, state, triggers);
            }
            if (UserSrpAuthFlow.PASSWORD_VERIFIER.equals(decision.challengeName()) && state.srpA() != null) {
                return srp.passwordVerifier(context, user, username, new BigInteger(state.srpA(), 16), state.toData());
            }
            // PASSWORD_VERIFIER without SRP_A to verify against, or a challenge Cognito does not let the trigger name here
            return Uni.createFrom().failure(LambdaTriggers.invalidResponse());
        });
    }

    private Uni<AuthResponse> customChallenge(AuthContext context, User user, String username, CustomAuthState state,
                                              ChallengeTriggerContext triggers) {
        // a challenge nobody could verify is refused before it is made
        VerifyAuthChallengeResponseTrigger.requireConfigured(triggers);
        return create.run(triggers, CUSTOM_CHALLENGE, state.history()).chain(challenge -> {
            Map<String, String> data = state.toData();
            data.put(PRIVATE_PARAMETERS, sealPrivate(context.pool().id(), challenge.privateParameters()));
            if (challenge.metadata() != null) {
                data.put(METADATA, challenge.metadata());
            }
            AuthSession session = new AuthSession(context.pool().id(), context.client().clientId(), user == null ? null : user.sub(),
                    username, context.authFlow(), CUSTOM_CHALLENGE, clock.instant().getEpochSecond(), data);
            // Cognito adds the user's name to the app's parameters (amazon-cognito-identity-js answers with it)
            Map<String, String> parameters = new LinkedHashMap<>(challenge.publicParameters());
            parameters.putIfAbsent("USERNAME", username);
            return sessions.create(context.client(), session).map(id -> AuthResponse.challenge(CUSTOM_CHALLENGE, id, parameters));
        });
    }

    /**
     * After the PASSWORD_VERIFIER of a custom flow: the result joins the history (a wrong password counts towards the
     * lockout) and DefineAuthChallenge decides again.
     */
    Uni<AuthResponse> afterPasswordVerifier(AuthContext context, AuthSession session, User user, boolean matches) {
        CustomAuthState state = CustomAuthState.fromData(session.data());
        Uni<Void> counted = matches || user == null ? Uni.createFrom().voidItem() : audit.wrongChallengeAnswer(context, user, "wrong_password");
        return counted.chain(() -> next(context, user, user == null ? session.username() : user.username(),
                state.answered(new ChallengeResult(UserSrpAuthFlow.PASSWORD_VERIFIER, matches && user != null, null), matches && user != null)));
    }

    private <T> Uni<T> refuse(AuthContext context, User user, String username, String reason) {
        return audit.refuse(context, user, username, reason, SignInAudit.incorrect());
    }

    /** The private challenge parameters, sealed with the master key: they never leave the server, not even in clear to Redis. */
    private String sealPrivate(String poolId, Map<String, String> parameters) {
        try {
            return Base64.getEncoder().encodeToString(cipher.encrypt(JSON.writeValueAsString(parameters), privateContext(poolId)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> openPrivate(String poolId, AuthSession session) {
        String sealed = session.data().get(PRIVATE_PARAMETERS);
        if (sealed == null) {
            throw AuthSessionStore.expired();
        }
        try {
            return JSON.readValue(cipher.decrypt(Base64.getDecoder().decode(sealed), privateContext(poolId)), new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw AuthSessionStore.expired();
        }
    }

    private static String privateContext(String poolId) {
        return "custom-challenge/" + poolId;
    }
}
