package dev.cognate.identitypool.token;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Identity OpenID tokens as Cognito's GetOpenIdToken makes them: RS512 with a {@code kid}, {@code sub} the identity id,
 * {@code aud} the identity pool id, {@code amr} {@code ["authenticated", <provider>, <provider>:CognitoSignIn:<sub>]}
 * (or {@code ["unauthenticated"]}; a developer login, as Cognito writes it, {@code <developer provider>:<pool id>:<developer
 * user id>}), GetOpenIdTokenForDeveloperIdentity's {@code TokenDuration}, the identity pool ARN claim, {@code iss} {@code cognate.identity-tokens.issuer}, and the
 * identity's principal tags in {@code https://aws.amazon.com/tags} when it has any.
 */
@ApplicationScoped
public class IdentityTokenIssuer {

    public static final String POOL_ARN_CLAIM = "https://cognito-identity.amazonaws.com/identity-pool-arn";
    /** Where AWS STS reads session tags in a web identity token. */
    public static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityTokenKeys keys;
    private final CognateConfig config;
    private final Clock clock;

    public IdentityTokenIssuer(IdentityTokenKeys keys, CognateConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public String issuer() {
        return config.identityTokens().issuer();
    }

    public Uni<String> issue(IdentityPool pool, String identityId, List<VerifiedLogin> logins) {
        return issue(pool, identityId, logins, Map.of(), config.identityTokens().duration());
    }

    public Uni<String> issue(IdentityPool pool, String identityId, List<VerifiedLogin> logins, Map<String, String> principalTags) {
        return issue(pool, identityId, logins, principalTags, config.identityTokens().duration());
    }

    /**
     * @param principalTags the identity's principal tags (tag key → value): put in the {@value #TAGS_CLAIM} claim as an
     *                      STS reads session tags from a web identity token, each value a one-element list
     * @param lifetime      how long the token is valid
     */
    public Uni<String> issue(IdentityPool pool, String identityId, List<VerifiedLogin> logins, Map<String, String> principalTags,
                             Duration lifetime) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("sub", identityId).put("aud", pool.id());
        ArrayNode amr = claims.putArray("amr");
        if (logins.isEmpty()) {
            amr.add("unauthenticated");
        } else {
            amr.add("authenticated");
            logins.forEach(login -> amr.add(login.providerName()));
            String developerProvider = pool.configuration().developerProviderName();
            logins.forEach(login -> amr.add(login.providerName().equals(developerProvider)
                    ? login.providerName() + ":" + pool.id() + ":" + login.subject()
                    : login.providerName() + ":CognitoSignIn:" + login.subject()));
        }
        claims.put("iss", issuer())
                .put(POOL_ARN_CLAIM, pool.arn(config.region(), config.accountId()))
                .put("exp", now + lifetime.toSeconds())
                .put("iat", now);
        if (!principalTags.isEmpty()) {
            ObjectNode tags = claims.putObject(TAGS_CLAIM);
            ObjectNode values = tags.putObject("principal_tags");
            ArrayNode transitive = tags.putArray("transitive_tag_keys");
            new TreeMap<>(principalTags).forEach((key, value) -> {
                values.putArray(key).add(value);
                transitive.add(key);
            });
        }
        return keys.signer().map(signer -> signer.sign(claims));
    }

    /**
     * The principal tags an identity token carries ({@value #TAGS_CLAIM} → {@code principal_tags}, the first value of each
     * tag), for the STS that honours them.
     */
    public static Map<String, String> principalTags(JsonNode claims) {
        Map<String, String> tags = new TreeMap<>();
        claims.path(TAGS_CLAIM).path("principal_tags").fields().forEachRemaining(tag -> {
            JsonNode value = tag.getValue().isArray() ? tag.getValue().path(0) : tag.getValue();
            if (value.isValueNode() && !value.isNull()) {
                tags.put(tag.getKey(), value.asText());
            }
        });
        return tags;
    }
}
