package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.service.UserStore;
import dev.cognate.userpool.trigger.DefineAuthChallengeTrigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * {@code CUSTOM_AUTH} (InitiateAuth and AdminInitiateAuth): USERNAME, and optionally {@code CHALLENGE_NAME SRP_A} with
 * SRP_A to verify the password by SRP inside the flow. The pool must have a DefineAuthChallenge trigger ("Custom auth
 * lambda trigger is not configured for the user pool."); the client must allow ALLOW_CUSTOM_AUTH (or the legacy
 * CUSTOM_AUTH_FLOW_ONLY). The pool's PreAuthentication trigger runs first, as in the password flows; a locked,
 * disabled or unconfirmed user is refused as there; an unknown name
 * is "User does not exist." for PreventUserExistenceErrors LEGACY clients, and otherwise runs the flow with
 * {@code userNotFound} true, so the app cannot tell. Then {@link CustomAuthSteps} runs the triggers' loop.
 */
@ApplicationScoped
public class CustomAuthFlow implements AuthFlowHandler {

    private final Pool db;
    private final UserStore store;
    private final SignInAudit audit;
    private final PasswordSignIn passwords;
    private final CustomAuthSteps steps;

    public CustomAuthFlow(Pool db, UserStore store, SignInAudit audit, PasswordSignIn passwords, CustomAuthSteps steps) {
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.passwords = passwords;
        this.steps = steps;
    }

    @Override
    public List<String> flows() {
        return List.of(CustomAuthSteps.FLOW);
    }

    @Override
    public boolean servedBy(boolean adminCall) {
        return true;
    }

    @Override
    public List<String> allowedBy() {
        return List.of("ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY");
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context) {
        String username = AuthParameters.require(context, "USERNAME");
        String srpA = srpA(context);
        // as Cognito, InitiateAuth's ClientMetadata reaches PreAuthentication (as validationData) but not the challenge
        // triggers: AuthContext keeps it apart from clientMetadata
        DefineAuthChallengeTrigger.requireConfigured(CustomAuthSteps.triggerContext(context, null, username));
        return store.find(db, context.pool(), username, false).chain(found -> {
            if (found.isEmpty()) {
                return context.revealsUnknownUsers() ? passwords.unknownUser(context, username)
                        : passwords.preAuthentication(context, username, null)
                        .chain(() -> steps.next(context, null, username, CustomAuthState.start(srpA)));
            }
            User user = found.get();
            return audit.checkNotLocked(context, user)
                    .chain(() -> passwords.preAuthentication(context, username, user))
                    .chain(() -> passwords.checkAccount(context, user))
                    .chain(checked -> steps.next(context, checked, checked.username(), CustomAuthState.start(srpA)));
        });
    }

    /** The client's SRP_A when AuthParameters say {@code CHALLENGE_NAME SRP_A}; null without CHALLENGE_NAME. */
    private static String srpA(AuthContext context) {
        String challengeName = context.parameter("CHALLENGE_NAME");
        if (challengeName == null || challengeName.isEmpty()) {
            return null;
        }
        if (!CustomAuthSteps.SRP_A.equals(challengeName)) {
            throw CognitoException.invalidParameter("CHALLENGE_NAME must be SRP_A in the custom authentication flow");
        }
        return UserSrpAuthFlow.clientPublic(AuthParameters.require(context, "SRP_A")).toString(16);
    }
}
