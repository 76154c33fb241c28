package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.SignInPolicy;
import dev.cognate.userpool.domain.User;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first factors of choice-based sign-in that Cognate runs (every {@link FirstAuthFactor} bean), and which of them a
 * user may choose: those the pool's {@code AllowedFirstAuthFactors} name — {@code PASSWORD} allows both the
 * {@code PASSWORD} and the {@code PASSWORD_SRP} challenge — and the factor finds usable for the user. Listed in one
 * fixed order (Cognito's: one-time codes, passkey, then the password challenges) so that answers are stable.
 */
@ApplicationScoped
public class FirstAuthFactors {

    public static final String PASSWORD = "PASSWORD";
    public static final String PASSWORD_SRP = "PASSWORD_SRP";
    /** Every first-factor challenge of USER_AUTH, in the order AvailableChallenges lists them. */
    public static final List<String> CHALLENGES = List.of("EMAIL_OTP", "SMS_OTP", "WEB_AUTHN", PASSWORD, PASSWORD_SRP);

    private final List<FirstAuthFactor> factors;

    public FirstAuthFactors(@All List<FirstAuthFactor> factors) {
        this.factors = factors.stream().sorted(Comparator.comparingInt(factor -> order(factor.factor()))).toList();
    }

    private static int order(String challenge) {
        int index = CHALLENGES.indexOf(challenge);
        return index < 0 ? CHALLENGES.size() : index;
    }

    /** The AllowedFirstAuthFactors member that allows {@code challenge}: PASSWORD for PASSWORD_SRP, else the name itself. */
    public static String poolFactor(String challenge) {
        return PASSWORD_SRP.equals(challenge) ? PASSWORD : challenge;
    }

    public Optional<FirstAuthFactor> find(String challenge) {
        return factors.stream().filter(factor -> factor.factor().equals(challenge)).findFirst();
    }

    /**
     * The challenges {@code user} may choose now ({@code user} null: a name the pool does not know, for clients that
     * prevent user existence errors — each factor says what it would offer such a name).
     */
    public Uni<List<String>> available(AuthContext context, User user) {
        SignInPolicy policy = SignInPolicy.of(context.pool().settings());
        List<FirstAuthFactor> allowed = factors.stream().filter(factor -> policy.allows(poolFactor(factor.factor()))).toList();
        if (allowed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<String>> checks = allowed.stream()
                .map(factor -> factor.availableFor(context, user).map(usable -> Boolean.TRUE.equals(usable) ? factor.factor() : null))
                .toList();
        return Uni.join().all(checks).andFailFast().map(names -> names.stream().filter(Objects::nonNull).toList());
    }

    /** GetUserAuthFactors' ConfiguredUserAuthFactors: the AllowedFirstAuthFactors members the user can sign in with. */
    public Uni<List<String>> configured(AuthContext context, User user) {
        return available(context, user).map(challenges -> challenges.stream().map(FirstAuthFactors::poolFactor).distinct()
                .sorted(Comparator.comparingInt(FirstAuthFactors::order)).toList());
    }
}
