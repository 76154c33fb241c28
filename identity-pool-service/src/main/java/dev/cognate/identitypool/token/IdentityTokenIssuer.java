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
import java.util.List;

/**
 * Identity OpenID tokens as Cognito's GetOpenIdToken makes them: RS512 with a {@code kid}, {@code sub} the identity id,
 * {@code aud} the identity pool id, {@code amr} {@code ["authenticated", <provider>, <provider>:CognitoSignIn:<sub>]}
 * (or {@code ["unauthenticated"]}), the identity pool ARN claim, {@code iss} {@code cognate.identity-tokens.issuer}.
 */
@ApplicationScoped
public class IdentityTokenIssuer {

    public static final String POOL_ARN_CLAIM = "https://cognito-identity.amazonaws.com/identity-pool-arn";
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
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("sub", identityId).put("aud", pool.id());
        ArrayNode amr = claims.putArray("amr");
        if (logins.isEmpty()) {
            amr.add("unauthenticated");
        } else {
            amr.add("authenticated");
            logins.forEach(login -> amr.add(login.providerName()));
            logins.forEach(login -> amr.add(login.providerName() + ":CognitoSignIn:" + login.subject()));
        }
        claims.put("iss", issuer())
                .put(POOL_ARN_CLAIM, "arn:aws:cognito-identity:" + config.region() + ":" + config.accountId() + ":identitypool/" + pool.id())
                .put("exp", now + config.identityTokens().duration().toSeconds())
                .put("iat", now);
        return keys.signer().map(signer -> signer.sign(claims));
    }
}
