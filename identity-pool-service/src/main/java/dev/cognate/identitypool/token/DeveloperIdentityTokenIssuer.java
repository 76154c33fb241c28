package dev.cognate.identitypool.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.VerifiedLogin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identity tokens of GetOpenIdTokenForDeveloperIdentity: the claims of {@link IdentityTokenIssuer}'s tokens, signed with
 * the same keys, with the caller's {@code TokenDuration} and {@code PrincipalTags}. A developer login appears in
 * {@code amr} as Cognito writes it: {@code <developer provider>} and {@code <developer provider>:<pool id>:<developer user id>}.
 */
@ApplicationScoped
public class DeveloperIdentityTokenIssuer {

    /** The claim STS reads session tags from, in its web identity form. */
    public static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityTokenKeys keys;
    private final CognateConfig config;
    private final Clock clock;

    public DeveloperIdentityTokenIssuer(IdentityTokenKeys keys, CognateConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public Uni<String> issue(IdentityPool pool, String identityId, List<VerifiedLogin> logins, Duration duration,
                             Map<String, String> principalTags) {
        long now = clock.instant().getEpochSecond();
        String developerProvider = pool.configuration().developerProviderName();
        ObjectNode claims = JSON.createObjectNode().put("sub", identityId).put("aud", pool.id());
        ArrayNode amr = claims.putArray("amr").add("authenticated");
        logins.forEach(login -> amr.add(login.providerName()));
        logins.forEach(login -> amr.add(login.providerName().equals(developerProvider)
                ? login.providerName() + ":" + pool.id() + ":" + login.subject()
                : login.providerName() + ":CognitoSignIn:" + login.subject()));
        claims.put("iss", config.identityTokens().issuer())
                .put(IdentityTokenIssuer.POOL_ARN_CLAIM, pool.arn(config.region(), config.accountId()))
                .put("exp", now + duration.toSeconds())
                .put("iat", now);
        if (principalTags != null && !principalTags.isEmpty()) {
            claims.set(TAGS_CLAIM, principalTagsClaim(principalTags));
        }
        return keys.signer().map(signer -> signer.sign(claims));
    }

    /**
     * The session tags claim as STS's AssumeRoleWithWebIdentity reads it: {@code {"principal_tags": {key: [value]}}}.
     * (Kept apart so it can be shared with the principal tags of GetCredentialsForIdentity.)
     */
    static ObjectNode principalTagsClaim(Map<String, String> principalTags) {
        ObjectNode tags = JSON.createObjectNode();
        ObjectNode principal = tags.putObject("principal_tags");
        new TreeMap<>(principalTags).forEach((key, value) -> principal.putArray(key).add(value));
        return tags;
    }
}
