package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.UserPoolMfaRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The second factor after a verified first one (password, SRP, a new password), for MfaConfiguration ON or OPTIONAL:
 * {@code SOFTWARE_TOKEN_MFA} for a user whose TOTP is enabled (preferred, or the only method), {@code MFA_SETUP} with
 * {@code MFAS_CAN_SETUP ["SOFTWARE_TOKEN_MFA"]} for a user without any method in a pool with MFA ON whose
 * SoftwareTokenMfaConfiguration is enabled (the API and the hosted login's pages alike). Every other step
 * (SMS, email, the choice among several) is refused by {@link UnsupportedMfaGuard}.
 */
@ApplicationScoped
public class MfaChallenges {

    public static final String SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA";
    public static final String MFA_SETUP = UnsupportedMfaGuard.MFA_SETUP;

    private final Pool db;
    private final UserPoolMfaRepository mfaConfigs;
    private final AuthSessionStore sessions;
    private final UnsupportedMfaGuard guard;
    private final Clock clock;

    public MfaChallenges(Pool db, UserPoolMfaRepository mfaConfigs, AuthSessionStore sessions, UnsupportedMfaGuard guard, Clock clock) {
        this.db = db;
        this.mfaConfigs = mfaConfigs;
        this.sessions = sessions;
        this.guard = guard;
        this.clock = clock;
    }

    /** The MFA challenge this sign-in continues with, none when it needs no second factor; a step Cognate cannot ask fails. */
    public Uni<Optional<String>> next(AuthContext context, User user) {
        Optional<String> step = UnsupportedMfaGuard.mfaStep(context.pool(), user);
        if (step.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return askable(context, step.get()).chain(askable -> {
            if (!askable) {
                return guard.refuse(context, user, step.get());
            }
            // the hosted login asks every step askable here: its pages are views of these challenges
            return Uni.createFrom().item(step);
        });
    }

    /** Whether Cognate asks {@code step}: SOFTWARE_TOKEN_MFA, and MFA_SETUP where the pool offers software tokens. */
    private Uni<Boolean> askable(AuthContext context, String step) {
        if (SOFTWARE_TOKEN_MFA.equals(step)) {
            return Uni.createFrom().item(true);
        }
        if (MFA_SETUP.equals(step)) {
            return mfaConfigs.find(db, context.pool().id()).map(config -> config
                    .filter(found -> found.path("SoftwareTokenMfaConfiguration").path("Enabled").asBoolean(false)).isPresent());
        }
        return Uni.createFrom().item(false);
    }

    /** Answers {@code step} ({@link #next}'s) with a new single-use session for the user. */
    public Uni<AuthResponse> challenge(AuthContext context, User user, String step) {
        AuthSession session = new AuthSession(user.userPoolId(), context.client().clientId(), user.sub(), user.username(),
                context.authFlow(), step, clock.instant().getEpochSecond(), Map.of());
        Map<String, String> parameters = new LinkedHashMap<>();
        if (MFA_SETUP.equals(step)) {
            parameters.put("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]");
        }
        parameters.put("USER_ID_FOR_SRP", user.username());
        return sessions.create(context.client(), session).map(id -> AuthResponse.challenge(step, id, parameters));
    }
}
