package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosted login's password sign-in (hosted-ui-service's {@code /login}): the very checks of USER_PASSWORD_AUTH —
 * {@link PasswordSignIn}'s lookup, lockout, Argon2id and account states, with their audit — but no tokens: it answers
 * who signed in, and the tokens come later from the authorization code at {@code /oauth2/token}. The {@code SignIn}
 * authentication event and the {@code signed_in} event are recorded here, where the password is checked.
 *
 * <p>A temporary password answers a session for {@link #newPassword}, stored like the API's sessions but under
 * {@link #NEW_PASSWORD_CHALLENGE}, a challenge no RespondToAuthChallenge handler serves: the session is bound to its
 * client and usable only through the hosted login's new-password step.
 */
@ApplicationScoped
public class HostedSignIn {

    /** The auth flow recorded in authentication events and {@code signed_in} events of the hosted login. */
    public static final String AUTH_FLOW = "HOSTED_UI";
    /** The challenge of a hosted session: not a Cognito ChallengeName, so RespondToAuthChallenge never accepts the session. */
    static final String NEW_PASSWORD_CHALLENGE = "HOSTED_UI_NEW_PASSWORD_REQUIRED";

    /**
     * What a sign-in step answers: {@code SIGNED_IN} (who, since when) or {@code NEW_PASSWORD_REQUIRED} (a session and
     * the required attributes the user lacks).
     */
    public record Outcome(String result, User user, Instant authTime, String session, List<String> requiredAttributes) {

        public static final String SIGNED_IN = "SIGNED_IN";

        static Outcome signedIn(User user, Instant authTime) {
            return new Outcome(SIGNED_IN, user, authTime, null, null);
        }

        static Outcome newPasswordRequired(User user, String session, List<String> requiredAttributes) {
            return new Outcome(SignInCompletion.NEW_PASSWORD_REQUIRED, user, null, session, requiredAttributes);
        }
    }

    private final Pool db;
    private final PasswordSignIn passwords;
    private final SignInCompletion completion;
    private final AuthSessionStore sessions;
    private final NewPasswordRequiredChallenge newPasswords;

    public HostedSignIn(Pool db, PasswordSignIn passwords, SignInCompletion completion, AuthSessionStore sessions,
                        NewPasswordRequiredChallenge newPasswords) {
        this.db = db;
        this.passwords = passwords;
        this.completion = completion;
        this.sessions = sessions;
        this.newPasswords = newPasswords;
    }

    /** Username (or alias, or sub) and password, as USER_PASSWORD_AUTH checks them, whatever the client's ExplicitAuthFlows. */
    public Uni<Outcome> signIn(AuthenticatedClient client, String username, String password, String sourceIp) {
        AuthContext context = context(client, Map.of(), sourceIp);
        return passwords.verify(context, username, password).chain(user -> {
            if (user.status() == UserStatus.FORCE_CHANGE_PASSWORD) {
                return newPasswordRequired(context, user);
            }
            Instant authTime = Instant.now();
            return db.withTransaction(tx -> completion.recordSignIn(tx, context, user)).replaceWith(Outcome.signedIn(user, authTime));
        });
    }

    /**
     * The new password (and the missing required attributes) for a session {@link #signIn} answered, to the same client:
     * NEW_PASSWORD_REQUIRED's checks and changes, then the sign-in recorded in the same transaction. The session is used
     * once, but stays for another try after a refusal that checked nothing against the user (a password the policy
     * refuses, a missing attribute), as in the API.
     */
    public Uni<Outcome> newPassword(AuthenticatedClient client, String session, String username, String newPassword,
                                    Map<String, String> attributes, String sourceIp) {
        Map<String, String> parameters = new LinkedHashMap<>();
        attributes.forEach((name, value) -> parameters.put("userAttributes." + name, value));
        parameters.put("NEW_PASSWORD", newPassword);
        AuthContext context = context(client, parameters, sourceIp);
        return sessions.take(session).chain(stored -> {
            AuthSession state = stored.session();
            if (!state.clientId().equals(client.client().clientId()) || !state.userPoolId().equals(client.pool().id())
                    || !NEW_PASSWORD_CHALLENGE.equals(state.challengeName()) || !state.username().equals(username)) {
                return Uni.createFrom().failure(AuthSessionStore.expired());
            }
            return Uni.createFrom().deferred(() -> newPasswords.changePassword(context, state,
                            (tx, changed, authTime) -> completion.recordSignIn(tx, context, changed).replaceWith(Outcome.signedIn(changed, authTime))))
                    .onFailure(AuthenticationService::refusedBeforeChecking)
                    .call(failure -> sessions.putBack(session, stored));
        });
    }

    private Uni<Outcome> newPasswordRequired(AuthContext context, User user) {
        AuthSession session = new AuthSession(user.userPoolId(), context.client().clientId(), user.sub(), user.username(), AUTH_FLOW,
                NEW_PASSWORD_CHALLENGE, Instant.now().getEpochSecond(), Map.of());
        return sessions.create(context.client(), session)
                .map(id -> Outcome.newPasswordRequired(user, id, SignInCompletion.missingRequiredAttributes(context, user)));
    }

    private static AuthContext context(AuthenticatedClient client, Map<String, String> parameters, String sourceIp) {
        return new AuthContext(client.pool(), client.client(), false, AUTH_FLOW, parameters, sourceIp);
    }
}
