package dev.cognate.userpool.oauth;

import dev.cognate.userpool.token.TokenIssuer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hashes of the OAuth flows against the specifications' own examples. */
class OauthTokenHashesTest {

    @Test
    void pkceS256MatchesRfc7636AppendixB() {
        assertThat(Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        Pkce.check("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertThatThrownBy(() -> Pkce.check("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isInstanceOf(OAuthException.class).hasFieldOrPropertyWithValue("error", "invalid_grant");
        Pkce.check(null, null);
        assertThatThrownBy(() -> Pkce.check(null, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isInstanceOf(OAuthException.class).hasMessageContaining("without code_challenge");
    }

    @Test
    void atHashMatchesTheOpenIdConnectCoreExample() {
        // OpenID Connect Core 1.0, Appendix A.4: the access token and the at_hash of the ID token issued with it
        assertThat(TokenIssuer.atHash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y")).isEqualTo("77QmUPtjPfzWtF2AnpK9RQ");
    }

    @Test
    void formParametersAreReadStrictly() {
        FormParameters form = FormParameters.parse("application/x-www-form-urlencoded; charset=UTF-8",
                "a=1&b=x+y%2Bz&empty=&flag".getBytes());
        assertThat(form.get("a")).isEqualTo("1");
        assertThat(form.get("b")).isEqualTo("x y+z");
        assertThat(form.get("empty")).isNull();
        assertThat(form.get("flag")).isNull();
        assertThatThrownBy(() -> FormParameters.parse("application/x-www-form-urlencoded", "a=1&a=2".getBytes()))
                .hasFieldOrPropertyWithValue("error", "invalid_request");
        assertThatThrownBy(() -> FormParameters.parse("text/plain", "a=1".getBytes())).hasFieldOrPropertyWithValue("error", "invalid_request");
        assertThatThrownBy(() -> FormParameters.parse(null, "a=1".getBytes())).hasFieldOrPropertyWithValue("error", "invalid_request");
        assertThatThrownBy(() -> form.require("missing")).hasFieldOrPropertyWithValue("error", "invalid_request");
    }
}
