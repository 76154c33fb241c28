package dev.cognate.userpool.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which first factors of choice-based sign-in a user is offered: the pool's AllowedFirstAuthFactors (PASSWORD allowing
 * PASSWORD_SRP too) and each factor's own rule — so a factor written elsewhere (here a stand-in EMAIL_OTP that needs a
 * verified email) counts without the flow knowing it — in Cognito's fixed order.
 */
class FirstAuthFactorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A factor whose availability is a rule on the user; never started here. */
    private record StandIn(String factor, java.util.function.Predicate<User> rule) implements FirstAuthFactor {
        @Override
        public Uni<Boolean> availableFor(AuthContext context, User user) {
            return Uni.createFrom().item(user == null || rule.test(user));
        }

        @Override
        public Uni<AuthResponse> start(AuthContext context, User user) {
            throw new UnsupportedOperationException();
        }
    }

    private static final FirstAuthFactors FACTORS = new FirstAuthFactors(List.of(
            new StandIn("PASSWORD_SRP", user -> user.passwordHash() != null),
            new StandIn("WEB_AUTHN", user -> true),
            new StandIn("PASSWORD", user -> user.passwordHash() != null),
            new StandIn("EMAIL_OTP", user -> user.verified("email"))));

    private static AuthContext context(String... allowed) {
        ObjectNode settings = JSON.createObjectNode();
        if (allowed.length > 0) {
            var factors = settings.putObject("Policies").putObject("SignInPolicy").putArray("AllowedFirstAuthFactors");
            for (String factor : allowed) {
                factors.add(factor);
            }
        }
        UserPool pool = new UserPool("us-east-1_Test12345", "pool", settings, Map.of(), Instant.EPOCH, Instant.EPOCH);
        AppClient client = new AppClient("client", pool.id(), "app", JSON.createObjectNode(), Instant.EPOCH, Instant.EPOCH);
        return new AuthContext(pool, client, false, UserAuthFlow.FLOW, Map.of(), null);
    }

    private static User user(String passwordHash, boolean verifiedEmail) {
        Map<String, String> attributes = verifiedEmail ? Map.of("email", "u@example.com", "email_verified", "true") : Map.of();
        return new User("us-east-1_Test12345", UUID.randomUUID(), "user", UserStatus.CONFIRMED, true, attributes, passwordHash, null, null,
                JSON.createArrayNode(), JSON.createObjectNode(), Instant.EPOCH, Instant.EPOCH);
    }

    private static List<String> available(AuthContext context, User user) {
        return FACTORS.available(context, user).await().indefinitely();
    }

    @Test
    void offersWhatThePoolAllowsAndTheUserCanUseInCognitosOrder() {
        AuthContext passwordAndEmail = context("PASSWORD", "EMAIL_OTP");
        assertThat(available(passwordAndEmail, user("$argon2id$hash", true))).containsExactly("EMAIL_OTP", "PASSWORD", "PASSWORD_SRP");
        assertThat(available(passwordAndEmail, user("$argon2id$hash", false))).containsExactly("PASSWORD", "PASSWORD_SRP");
        // a password-less user with a verified email: only the code
        assertThat(available(passwordAndEmail, user(null, true))).containsExactly("EMAIL_OTP");
        assertThat(available(passwordAndEmail, user(null, false))).isEmpty();
        // WEB_AUTHN runs but the pool does not allow it
        assertThat(available(passwordAndEmail, user("$argon2id$hash", true))).doesNotContain("WEB_AUTHN");
    }

    @Test
    void aPoolWithoutASignInPolicyAllowsThePasswordOnly() {
        assertThat(available(context(), user("$argon2id$hash", true))).containsExactly("PASSWORD", "PASSWORD_SRP");
    }

    @Test
    void anUnknownNameIsOfferedWhatEachAllowedFactorOffersIt() {
        assertThat(available(context("PASSWORD", "EMAIL_OTP", "WEB_AUTHN"), null))
                .containsExactly("EMAIL_OTP", "WEB_AUTHN", "PASSWORD", "PASSWORD_SRP");
    }

    @Test
    void configuredFactorsAreThePoolsFactorNames() {
        AuthContext all = context("PASSWORD", "EMAIL_OTP", "WEB_AUTHN");
        assertThat(FACTORS.configured(all, user("$argon2id$hash", true)).await().indefinitely())
                .containsExactly("EMAIL_OTP", "WEB_AUTHN", "PASSWORD");
        assertThat(FACTORS.configured(context("PASSWORD"), user(null, true)).await().indefinitely()).isEmpty();
        assertThat(FirstAuthFactors.poolFactor("PASSWORD_SRP")).isEqualTo("PASSWORD");
        assertThat(FirstAuthFactors.poolFactor("SMS_OTP")).isEqualTo("SMS_OTP");
    }
}
