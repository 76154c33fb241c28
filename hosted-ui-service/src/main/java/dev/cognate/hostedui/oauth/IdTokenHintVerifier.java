package dev.cognate.hostedui.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.hostedui.client.JwksClient;
import dev.cognate.hostedui.config.HostedUiConfig;
import dev.cognate.tokens.CachingJwksSource;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.PublicKeys;
import dev.cognate.tokens.SigningAlgorithm;
import dev.cognate.tokens.TokenRejectedException;
import dev.cognate.tokens.UnverifiedJwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verifies an {@code id_token_hint} (OIDC RP-Initiated Logout 1.0) through libs/tokens: a compact JWS signed RS256 (the
 * only algorithm allowed) with one of the pool's keys, {@code iss = <cognate.issuer-base-url>/<poolId>},
 * {@code token_use = id}, not issued in the future. An expired token is accepted, as the spec allows: it only names who
 * is logging out. The pool's JWKS comes from user-pool-service and is cached per pool for {@link #KEYS_TTL} (the JWKS's
 * own {@code max-age}); a {@code kid} not in the cache fetches it again (keys rotate), at most once per
 * {@link #REFETCH_INTERVAL}, whatever kids forged tokens name.
 */
@ApplicationScoped
public class IdTokenHintVerifier {

    private static final Logger LOG = Logger.getLogger(IdTokenHintVerifier.class);
    private static final JwtVerifier VERIFIER = JwtVerifier.allowing(SigningAlgorithm.RS256);
    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    static final Duration KEYS_TTL = Duration.ofMinutes(5);
    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);
    /** Pool ids come from tokens anyone can write: the per-pool caches are dropped when there are this many. */
    private static final int MAX_POOLS = 10_000;

    private final JwksClient jwks;
    private final HostedUiConfig config;
    private final String issuerPrefix;
    private final Clock clock;
    private final Map<String, CachingJwksSource> keysByPool = new ConcurrentHashMap<>();

    public IdTokenHintVerifier(@RestClient JwksClient jwks, HostedUiConfig config, Clock clock) {
        this.jwks = jwks;
        this.config = config;
        this.clock = clock;
        this.issuerPrefix = IssuerUrls.trimmed(config.issuerBaseUrl()) + "/";
    }

    public Uni<IdTokenHint> verify(String token) {
        UnverifiedJwt jwt;
        try {
            jwt = VERIFIER.parse(token);
        } catch (TokenRejectedException rejected) {
            return Uni.createFrom().failure(new InvalidIdTokenHintException(rejected.getMessage()));
        }
        // the unverified issuer only chooses whose keys must have signed; the checks then require exactly that issuer
        String issuer = jwt.untrustedIssuer() == null ? "" : jwt.untrustedIssuer();
        String poolId = issuer.startsWith(issuerPrefix) ? issuer.substring(issuerPrefix.length()) : "";
        if (!POOL_ID.matcher(poolId).matches()) {
            return Uni.createFrom().failure(new InvalidIdTokenHintException("issued by another issuer"));
        }
        ClaimChecks checks = ClaimChecks.issuedBy(issuer).tokenUse("id").acceptingExpired().issuedAtOptional().clock(clock);
        return Uni.createFrom().completionStage(() -> VERIFIER.verify(jwt, keys(poolId), checks))
                .onFailure(TokenRejectedException.class).transform(rejected -> new InvalidIdTokenHintException(rejected.getMessage()))
                .map(verified -> new IdTokenHint(poolId, verified.string("sub"), audiences(verified.claims().path("aud"))));
    }

    private CachingJwksSource keys(String poolId) {
        if (keysByPool.size() >= MAX_POOLS && !keysByPool.containsKey(poolId)) {
            keysByPool.clear();
        }
        return keysByPool.computeIfAbsent(poolId,
                pool -> new CachingJwksSource(() -> fetch(pool), KEYS_TTL, REFETCH_INTERVAL, clock));
    }

    private CompletionStage<PublicKeys> fetch(String poolId) {
        return jwks.jwks(poolId)
                .ifNoItem().after(config.userPool().timeout()).fail()
                .onFailure().invoke(failure -> LOG.warnf("could not fetch the JWKS of pool %s: %s", poolId, failure.toString()))
                .map(PublicKeys::parse)
                .invoke(keys -> keys.skipped().forEach(skipped -> LOG.warnf("ignoring an unusable JWK of pool %s: %s", poolId, skipped)))
                .subscribeAsCompletionStage();
    }

    private static List<String> audiences(JsonNode aud) {
        List<String> audiences = new ArrayList<>();
        if (aud.isTextual()) {
            audiences.add(aud.asText());
        } else {
            aud.forEach(value -> audiences.add(value.asText()));
        }
        return audiences;
    }
}
