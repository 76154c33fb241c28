package dev.cognate.userpool.domain;

import dev.cognate.awsprotocol.CognitoException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserFilterTest {

    @Test
    void parsesCognitosGrammar() {
        assertThat(UserFilter.parse("email = \"a@example.com\"")).isEqualTo(new UserFilter("email", "a@example.com", false));
        assertThat(UserFilter.parse("family_name^=\"Sm\"")).isEqualTo(new UserFilter("family_name", "Sm", true));
        assertThat(UserFilter.parse("  cognito:user_status = \"CONFIRMED\" ")).isEqualTo(new UserFilter("cognito:user_status", "CONFIRMED", false));
        assertThat(UserFilter.parse("name = \"say \\\"hi\\\" \\\\ bye\"")).isEqualTo(new UserFilter("name", "say \"hi\" \\ bye", false));
        assertThat(UserFilter.parse("custom:tier ^= \"gold\"")).isEqualTo(new UserFilter("custom:tier", "gold", true));
        assertThat(UserFilter.parse("   ")).isNull();
        assertThat(UserFilter.parse(null)).isNull();
    }

    @Test
    void refusesWhatCognitoRefuses() {
        assertThatThrownBy(() -> UserFilter.parse("email = a@example.com")).isInstanceOf(CognitoException.class)
                .hasMessage("Error while parsing filter.");
        assertThatThrownBy(() -> UserFilter.parse("email != \"x\"")).hasMessage("Error while parsing filter.");
        assertThatThrownBy(() -> UserFilter.parse("nickname = \"x\"")).hasMessage("Invalid search attribute: nickname");
    }

    @Test
    void computesTheUpperBoundOfAPrefixInCodePointOrder() {
        assertThat(UserFilter.upperBound("abc")).isEqualTo("abd");
        assertThat(UserFilter.upperBound("")).isNull();
        assertThat(UserFilter.upperBound("a" + new String(Character.toChars(Character.MAX_CODE_POINT)))).isEqualTo("b");
        assertThat(UserFilter.upperBound("x\uD7FF")).as("skips the surrogate range").isEqualTo("x\uE000");
    }

    @Test
    void matchesTheFullValueBeyondTheIndexedPrefix() {
        String longValue = "v".repeat(300);
        assertThat(UserFilter.indexed(longValue)).hasSize(UserFilter.INDEXED_LENGTH);
        assertThat(new UserFilter("name", longValue, false).matches(longValue)).isTrue();
        assertThat(new UserFilter("name", longValue, false).matches(longValue + "w")).isFalse();
        assertThat(new UserFilter("name", "vv", true).matches(longValue)).isTrue();
    }
}
