package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.service.UserStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Choice-based sign-in, {@code USER_AUTH} (InitiateAuth and AdminInitiateAuth; the client must allow
 * {@code ALLOW_USER_AUTH}; pools of the ESSENTIALS or PLUS tier): USERNAME and, optionally, PREFERRED_CHALLENGE with
 * that factor's parameters (PASSWORD, SRP_A, ...). The factors are the {@link FirstAuthFactor} beans
 * ({@link FirstAuthFactors}) the pool's AllowedFirstAuthFactors allow and the user can use:
 * <ul>
 *   <li>a preferred challenge among them starts at once (PASSWORD with its password ends the first factor in this call);</li>
 *   <li>otherwise — none preferred, or one the user cannot use — the answer is {@code SELECT_CHALLENGE} with
 *   {@code AvailableChallenges} and empty ChallengeParameters, answered by {@link SelectChallengeHandler}.</li>
 * </ul>
 * An unknown name is "User does not exist." for clients with PreventUserExistenceErrors LEGACY; otherwise it is offered
 * what the factors offer an unknown name (the password challenges at least), and every answer then fails as a wrong
 * one would: the app cannot tell. A user with no usable factor (the pool no longer allows the one they had) is offered
 * the same, so the choice tells nothing either.
 */
@ApplicationScoped
public class UserAuthFlow implements AuthFlowHandler {

    public static final String FLOW = "USER_AUTH";
    public static final String SELECT_CHALLENGE = "SELECT_CHALLENGE";
    /** The session member that keeps the challenges SELECT_CHALLENGE offered (comma-separated). */
    static final String OFFERED = "availableChallenges";
    /** What a user without any usable factor is offered, as an unknown name would be: the password challenges. */
    private static final List<String> NO_FACTOR_DECOY = List.of(FirstAuthFactors.PASSWORD, FirstAuthFactors.PASSWORD_SRP);

    private final Pool db;
    private final UserStore store;
    private final PasswordSignIn passwords;
    private final FirstAuthFactors factors;
    private final AuthSessionStore sessions;
    private final Clock clock;

    public UserAuthFlow(Pool db, UserStore store, PasswordSignIn passwords, FirstAuthFactors factors, AuthSessionStore sessions,
                        Clock clock) {
        this.db = db;
        this.store = store;
        this.passwords = passwords;
        this.factors = factors;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public List<String> flows() {
        return List.of(FLOW);
    }

    @Override
    public boolean servedBy(boolean adminCall) {
        return true;
    }

    @Override
    public List<String> allowedBy() {
        return List.of("ALLOW_USER_AUTH");
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context) {
        requireTier(context);
        String username = AuthParameters.require(context, "USERNAME");
        String preferred = preferredChallenge(context);
        return store.find(db, context.pool(), username, false).chain(found -> {
            if (found.isEmpty() && context.revealsUnknownUsers()) {
                return passwords.unknownUser(context, username);
            }
            User user = found.orElse(null);
            return factors.available(context, user).chain(available -> {
                if (preferred != null && available.contains(preferred)) {
                    return factors.find(preferred).orElseThrow().start(context, user);
                }
                return selectChallenge(context, user, username, available.isEmpty() ? NO_FACTOR_DECOY : available);
            });
        });
    }

    /** As Cognito: choice-based authentication is a feature of the ESSENTIALS and PLUS plans. */
    static void requireTier(AuthContext context) {
        if ("LITE".equals(context.pool().config().tier())) {
            throw new CognitoException("FeatureUnavailableInTierException",
                    "Choice-based authentication (USER_AUTH) is not available in the LITE tier. Set UserPoolTier to ESSENTIALS or PLUS.");
        }
    }

    /** PREFERRED_CHALLENGE: absent, or one of the first-factor challenges (its availability is checked later). */
    private static String preferredChallenge(AuthContext context) {
        String preferred = context.parameter("PREFERRED_CHALLENGE");
        if (preferred == null || preferred.isEmpty()) {
            return null;
        }
        if (!FirstAuthFactors.CHALLENGES.contains(preferred)) {
            throw CognitoException.invalidParameter("Invalid PREFERRED_CHALLENGE " + preferred + ": it must be one of "
                    + String.join(", ", FirstAuthFactors.CHALLENGES));
        }
        return preferred;
    }


    private Uni<AuthResponse> selectChallenge(AuthContext context, User user, String username, List<String> available) {
        AuthSession session = new AuthSession(context.pool().id(), context.client().clientId(), user == null ? null : user.sub(),
                user == null ? username : user.username(), context.authFlow(), SELECT_CHALLENGE, clock.instant().getEpochSecond(),
                Map.of(OFFERED, String.join(",", available)));
        return sessions.create(context.client(), session).map(id -> AuthResponse.selectChallenge(id, available));
    }
}
