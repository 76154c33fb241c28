package dev.cognate.userpool.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The second factor after a verified first one (password, SRP, custom auth with a password, a new password), for
 * MfaConfiguration ON or OPTIONAL, as Cognito picks it ({@link #mfaStep}): the user's preferred method, its only one,
 * or {@code SELECT_MFA_TYPE} among several ({@code MFAS_CAN_CHOOSE}); with none, for MFA ON, {@code SMS_MFA} to a user
 * with a phone number where the pool offers SMS, else {@code MFA_SETUP} ({@code MFAS_CAN_SETUP}: the software token
 * and email MFA the pool offers). A user's enabled method counts even where its code cannot be sent any more (no phone
 * number or email): that sign-in is refused, never completed without the factor.
 * {@code SMS_MFA} and {@code EMAIL_OTP} send a code ({@link SignInCodes}). The hosted login asks every one of these steps:
 * its pages are views of the same challenges.
 */
@ApplicationScoped
public class MfaChallenges {

    public static final String SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA";
    public static final String SMS_MFA = "SMS_MFA";
    public static final String EMAIL_OTP = "EMAIL_OTP";
    public static final String MFA_SETUP = UnsupportedMfaGuard.MFA_SETUP;
    public static final String SELECT_MFA_TYPE = UnsupportedMfaGuard.SELECT_MFA_TYPE;
    static final String CAN_CHOOSE = "mfasCanChoose";
    static final String CAN_SETUP = "mfasCanSetup";

    private final AuthSessionStore sessions;
    private final UnsupportedMfaGuard guard;
    private final SignInCodes codes;
    private final Clock clock;

    public MfaChallenges(AuthSessionStore sessions, UnsupportedMfaGuard guard, SignInCodes codes, Clock clock) {
        this.sessions = sessions;
        this.guard = guard;
        this.codes = codes;
        this.clock = clock;
    }

    /** The MFA challenge this sign-in continues with, none when it needs no second factor; a step Cognate cannot ask fails. */
    public Uni<Optional<String>> next(AuthContext context, User user) {
        String configuration = context.pool().config().mfaConfiguration();
        if (!"ON".equals(configuration) && !"OPTIONAL".equals(configuration)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return codes.factors(context.pool()).chain(factors -> {
            Optional<String> step = mfaStep(configuration, factors, user);
            if (step.isEmpty()) {
                return Uni.createFrom().item(step);
            }
            if (MFA_SETUP.equals(step.get()) && setupChoices(factors).isEmpty()) {
                return guard.refuse(context, user, UnsupportedMfaGuard.nothingToSetUp());
            }
            if (!deliverable(user, step.get())) {
                return guard.refuse(context, user, UnsupportedMfaGuard.noDestination(step.get()));
            }
            // the hosted login asks every step askable here: its pages are views of these challenges
            return Uni.createFrom().item(step);
        });
    }

    /** Answers {@code step} ({@link #next}'s) with a new single-use session for the user; SMS_MFA and EMAIL_OTP send a code. */
    public Uni<AuthResponse> challenge(AuthContext context, User user, String step) {
        return switch (step) {
            case SMS_MFA -> codes.challenge(context, user, SMS_MFA, SignInIdentifiers.PHONE_NUMBER, user.attribute(SignInIdentifiers.PHONE_NUMBER),
                    SignInCodes.Stage.MFA);
            case EMAIL_OTP -> codes.challenge(context, user, EMAIL_OTP, SignInIdentifiers.EMAIL, user.attribute(SignInIdentifiers.EMAIL),
                    SignInCodes.Stage.MFA);
            case SELECT_MFA_TYPE -> codes.factors(context.pool()).chain(factors ->
                    choiceChallenge(context, user, SELECT_MFA_TYPE, "MFAS_CAN_CHOOSE", CAN_CHOOSE, enabledMethods(user)));
            case MFA_SETUP -> codes.factors(context.pool()).chain(factors ->
                    choiceChallenge(context, user, MFA_SETUP, "MFAS_CAN_SETUP", CAN_SETUP, setupChoices(factors)));
            default -> choiceChallenge(context, user, step, null, null, List.of());
        };
    }

    /** The method a user chose (SELECT_MFA_TYPE): its challenge, or a refusal when its code cannot be sent. */
    public Uni<AuthResponse> chosen(AuthContext context, User user, String method) {
        if (!deliverable(user, method)) {
            return guard.refuse(context, user, UnsupportedMfaGuard.noDestination(method));
        }
        return challenge(context, user, method);
    }

    private Uni<AuthResponse> choiceChallenge(AuthContext context, User user, String step, String parameter, String key, List<String> choices) {
        Map<String, String> data = key == null ? Map.of() : Map.of(key, String.join(",", choices));
        AuthSession session = new AuthSession(user.userPoolId(), context.client().clientId(), user.sub(), user.username(),
                context.authFlow(), step, clock.instant().getEpochSecond(), data);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (parameter != null) {
            parameters.put(parameter, jsonList(choices));
        }
        parameters.put("USER_ID_FOR_SRP", user.username());
        return sessions.create(context.client(), session).map(id -> AuthResponse.challenge(step, id, parameters));
    }

    /** The choices a SELECT_MFA_TYPE or MFA_SETUP session offered. */
    static List<String> offered(AuthSession session, String key) {
        String choices = session.data().get(key);
        return choices == null || choices.isEmpty() ? List.of() : List.of(choices.split(","));
    }

    /**
     * The MFA challenge Cognito answers next for this user, if any: OFF never; the preferred usable method, the only one,
     * or SELECT_MFA_TYPE among several; with none, for ON, SMS_MFA to a user with a phone number where the pool offers
     * SMS (as Cognito's required SMS MFA), else MFA_SETUP.
     */
    static Optional<String> mfaStep(String configuration, MfaFactors factors, User user) {
        if (!"ON".equals(configuration) && !"OPTIONAL".equals(configuration)) {
            return Optional.empty();
        }
        List<String> enabled = enabledMethods(user);
        Optional<String> preferred = enabled.stream().filter(method -> preference(user, method).path("PreferredMfa").asBoolean(false)).findFirst();
        if (preferred.isPresent()) {
            return preferred;
        }
        if (enabled.size() == 1) {
            return Optional.of(enabled.get(0));
        }
        if (enabled.size() > 1) {
            return Optional.of(SELECT_MFA_TYPE);
        }
        if (!"ON".equals(configuration)) {
            return Optional.empty();
        }
        return factors.sms() && user.attribute(SignInIdentifiers.PHONE_NUMBER) != null ? Optional.of(SMS_MFA) : Optional.of(MFA_SETUP);
    }

    /**
     * The user's enabled methods. Kept even where the pool stopped offering one or the user lost its address: such a
     * sign-in fails closed ({@link #next}) rather than skipping a factor the user turned on.
     */
    static List<String> enabledMethods(User user) {
        List<String> enabled = new ArrayList<>();
        for (String method : MfaPreferenceUpdate.METHODS) {
            boolean on = preference(user, method).path("Enabled").asBoolean(false)
                    // AdminSetUserSettings' MFAOptions (DeliveryMedium SMS) is the older way to turn SMS MFA on
                    || SMS_MFA.equals(method) && legacySmsMfa(user);
            if (on) {
                enabled.add(method);
            }
        }
        return enabled;
    }

    /** What MFA_SETUP can set up here: a software token, email MFA — the factors the pool offers that a sign-in can enrol. */
    static List<String> setupChoices(MfaFactors factors) {
        List<String> choices = new ArrayList<>();
        if (factors.softwareToken()) {
            choices.add(SOFTWARE_TOKEN_MFA);
        }
        if (factors.email()) {
            choices.add(EMAIL_OTP);
        }
        return choices;
    }

    private static boolean deliverable(User user, String method) {
        return switch (method) {
            case SMS_MFA -> user.attribute(SignInIdentifiers.PHONE_NUMBER) != null;
            case EMAIL_OTP -> user.attribute(SignInIdentifiers.EMAIL) != null;
            default -> true;
        };
    }

    private static JsonNode preference(User user, String method) {
        JsonNode preference = user.mfaPreference();
        return preference == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : preference.path(method);
    }

    private static boolean legacySmsMfa(User user) {
        if (user.mfaOptions() == null) {
            return false;
        }
        for (JsonNode option : user.mfaOptions()) {
            if ("SMS".equals(option.path("DeliveryMedium").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").reduce((a, b) -> a + "," + b).map(joined -> "[" + joined + "]").orElse("[]");
    }
}
