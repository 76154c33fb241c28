package dev.cognate.hostedui.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.hostedui.client.JwksClient;
import dev.cognate.hostedui.config.HostedUiConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verifies an {@code id_token_hint} (OIDC RP-Initiated Logout 1.0): a compact JWS signed RS256 with one of the pool's
 * keys, {@code iss = <cognate.issuer-base-url>/<poolId>}, {@code token_use = id}. An expired token is accepted, as the
 * spec allows: it only names who is logging out. The pool's JWKS comes from user-pool-service and is cached per pool;
 * a {@code kid} not in the cache fetches it again (keys rotate), at most once per {@link #REFETCH_INTERVAL}.
 */
@ApplicationScoped
public class IdTokenHintVerifier {

    private static final Logger LOG = Logger.getLogger(IdTokenHintVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final int MAX_TOKEN_LENGTH = 16_384;

    private final JwksClient jwks;
    private final HostedUiConfig config;
    private final String issuerPrefix;
    /** A pool's JWKS is fetched at most this often, whatever kids forged tokens name. */
    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);

    private final Map<String, Map<String, PublicKey>> keysByPool = new ConcurrentHashMap<>();
    private final Map<String, Instant> fetchedAt = new ConcurrentHashMap<>();

    public IdTokenHintVerifier(@RestClient JwksClient jwks, HostedUiConfig config) {
        this.jwks = jwks;
        this.config = config;
        this.issuerPrefix = IssuerUrls.trimmed(config.issuerBaseUrl()) + "/";
    }

    public Uni<IdTokenHint> verify(String token) {
        String[] parts = token == null || token.length() > MAX_TOKEN_LENGTH ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return Uni.createFrom().failure(new InvalidIdTokenHintException("not a compact JWS"));
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (Exception malformed) {
            return Uni.createFrom().failure(new InvalidIdTokenHintException("not a compact JWS"));
        }
        if (!"RS256".equals(header.path("alg").asText()) || !header.path("kid").isTextual()) {
            return Uni.createFrom().failure(new InvalidIdTokenHintException("not RS256 with a kid"));
        }
        String issuer = claims.path("iss").asText("");
        String poolId = issuer.startsWith(issuerPrefix) ? issuer.substring(issuerPrefix.length()) : "";
        if (!POOL_ID.matcher(poolId).matches()) {
            return Uni.createFrom().failure(new InvalidIdTokenHintException("issued by another issuer"));
        }
        if (!"id".equals(claims.path("token_use").asText())) {
            return Uni.createFrom().failure(new InvalidIdTokenHintException("not an ID token"));
        }
        String kid = header.get("kid").asText();
        byte[] signedContent = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return key(poolId, kid).map(key -> {
            if (!verifies(key, signedContent, signature)) {
                throw new InvalidIdTokenHintException("bad signature");
            }
            return new IdTokenHint(poolId, claims.path("sub").asText(null), audiences(claims.path("aud")));
        });
    }

    private Uni<PublicKey> key(String poolId, String kid) {
        PublicKey cached = keysByPool.getOrDefault(poolId, Map.of()).get(kid);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        Instant lastFetch = fetchedAt.get(poolId);
        if (lastFetch != null && lastFetch.plus(REFETCH_INTERVAL).isAfter(Instant.now())) {
            return Uni.createFrom().failure(new InvalidIdTokenHintException("unknown kid"));
        }
        return jwks.jwks(poolId)
                .ifNoItem().after(config.userPool().timeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("could not fetch the JWKS of pool %s: %s", poolId, failure.toString());
                    return new InvalidIdTokenHintException("the pool's keys are unavailable");
                })
                .map(document -> {
                    Map<String, PublicKey> keys = parse(document);
                    keysByPool.put(poolId, keys);
                    fetchedAt.put(poolId, Instant.now());
                    PublicKey key = keys.get(kid);
                    if (key == null) {
                        throw new InvalidIdTokenHintException("unknown kid");
                    }
                    return key;
                });
    }

    private static Map<String, PublicKey> parse(JsonNode document) {
        Map<String, PublicKey> keys = new ConcurrentHashMap<>();
        for (JsonNode jwk : document.path("keys")) {
            if (!"RSA".equals(jwk.path("kty").asText()) || !jwk.path("kid").isTextual()) {
                continue;
            }
            try {
                var spec = new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText())));
                keys.put(jwk.get("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(spec));
            } catch (GeneralSecurityException | IllegalArgumentException unusable) {
                LOG.warnf("ignoring an unusable JWK %s", jwk.path("kid").asText());
            }
        }
        return keys;
    }

    private static boolean verifies(PublicKey key, byte[] content, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(content);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
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
