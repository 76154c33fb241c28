package dev.cognate.hostedui.oauth;

import java.util.List;

/** A verified {@code id_token_hint}: signed by the pool, issued by it (it may have expired: OIDC RP-Initiated Logout §2). */
public record IdTokenHint(String userPoolId, String sub, List<String> audiences) {
}
