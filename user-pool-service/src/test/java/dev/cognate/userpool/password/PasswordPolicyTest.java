package dev.cognate.userpool.password;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private static final PasswordPolicy COGNITO_DEFAULT = new PasswordPolicy(8, true, true, true, true, 7, 0);

    @Test
    void namesTheFirstRuleAPasswordBreaksInCognitosWords() {
        assertThat(COGNITO_DEFAULT.problem("Ab1!")).isEqualTo("Password not long enough");
        assertThat(COGNITO_DEFAULT.problem("ABCDEFG1!")).isEqualTo("Password must have lowercase characters");
        assertThat(COGNITO_DEFAULT.problem("abcdefg1!")).isEqualTo("Password must have uppercase characters");
        assertThat(COGNITO_DEFAULT.problem("Abcdefgh!")).isEqualTo("Password must have numeric characters");
        assertThat(COGNITO_DEFAULT.problem("Abcdefgh1")).isEqualTo("Password must have symbol characters");
        assertThat(COGNITO_DEFAULT.problem("Abcdefg1^")).isNull();
        assertThat(new PasswordPolicy(6, false, false, false, false, 7, 0).problem("aaaaaa")).isNull();
    }

    @Test
    void readsThePoolsPolicyWithCognitosDefaults() throws Exception {
        var settings = new ObjectMapper().readTree("{\"Policies\":{\"PasswordPolicy\":{\"MinimumLength\":12,\"RequireSymbols\":true,"
                + "\"TemporaryPasswordValidityDays\":3}}}");
        assertThat(PasswordPolicy.of(settings)).isEqualTo(new PasswordPolicy(12, false, false, false, true, 3, 0));
    }

    @RepeatedTest(20)
    void generatesTemporaryPasswordsThePolicyAccepts() {
        PasswordPolicy strict = new PasswordPolicy(24, true, true, true, true, 7, 0);
        String generated = strict.generateTemporaryPassword();
        assertThat(generated).hasSize(24);
        assertThat(strict.problem(generated)).isNull();
        assertThat(COGNITO_DEFAULT.problem(COGNITO_DEFAULT.generateTemporaryPassword())).isNull();
    }
}
