package dev.cognate.awsprotocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTest {

    @Test
    void lastPageHasNoToken() {
        Page<String> page = Page.of(List.of("a", "b"), 2, Function.identity());
        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void extraRowMeansAnotherPageStartingAfterTheLastShown() {
        Page<String> page = Page.of(List.of("a", "b", "c"), 2, Function.identity());
        assertThat(page.items()).containsExactly("a", "b");
        assertThat(PaginationToken.decode(page.nextToken())).isEqualTo("b");
    }

    @Test
    void tokensAreOpaqueAndForgeriesRefused() {
        assertThat(PaginationToken.encode("us-east-1_abc")).doesNotContain("us-east-1_abc");
        assertThatThrownBy(() -> PaginationToken.decode("bm9wZQ")).isInstanceOfSatisfying(CognitoException.class,
                e -> assertThat(e.type()).isEqualTo("InvalidParameterException"));
    }
}
