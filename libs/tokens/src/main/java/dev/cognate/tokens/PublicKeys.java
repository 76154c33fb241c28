package dev.cognate.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A key set that verifies signatures: the usable signing keys of a JWKS, by {@code kid}, each parsed once with its
 * verifier ready. Keys that cannot verify anything here — another {@code kty}, {@code use} other than {@code sig}, RSA
 * under 2048 bits, malformed members, a {@code kid} already taken, no {@code kid} — are left out and listed in
 * {@link #skipped()} (for a log line), never an error for the rest of the set. Immutable.
 */
public final class PublicKeys {

    static final int MIN_RSA_BITS = 2048;

    /** A usable key and its verifier. */
    record Entry(JWK jwk, JWSVerifier verifier) {
    }

    private static final PublicKeys EMPTY = new PublicKeys(Map.of(), List.of());

    private final Map<String, Entry> byKid;
    private final List<String> skipped;

    private PublicKeys(Map<String, Entry> byKid, List<String> skipped) {
        this.byKid = Collections.unmodifiableMap(byKid);
        this.skipped = List.copyOf(skipped);
    }

    public static PublicKeys empty() {
        return EMPTY;
    }

    /** The usable keys of a JWKS document ({@code {"keys": [...]}}); a document without a {@code keys} array has none. */
    public static PublicKeys parse(JsonNode jwks) {
        List<JsonNode> keys = new ArrayList<>();
        if (jwks != null) {
            jwks.path("keys").forEach(keys::add);
        }
        return ofJwks(keys);
    }

    /** The usable keys among {@code jwks}, each a JWK object. */
    public static PublicKeys ofJwks(Collection<? extends JsonNode> jwks) {
        Map<String, Entry> byKid = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode json : jwks) {
            String kid = json.path("kid").isTextual() ? json.path("kid").asText() : null;
            try {
                if (kid == null || kid.isEmpty()) {
                    throw new IllegalArgumentException("no kid");
                }
                if (byKid.containsKey(kid)) {
                    throw new IllegalArgumentException("kid listed twice");
                }
                JWK jwk = PublicJwk.parse(json);
                byKid.put(kid, new Entry(jwk, verifier(jwk)));
            } catch (IllegalArgumentException | JOSEException unusable) {
                skipped.add((kid == null ? "(no kid)" : kid) + ": " + unusable.getMessage());
            }
        }
        return new PublicKeys(byKid, skipped);
    }

    public boolean contains(String kid) {
        return byKid.containsKey(kid);
    }

    public Set<String> kids() {
        return byKid.keySet();
    }

    /** What was left out and why, one line each ({@code kid: reason}). */
    public List<String> skipped() {
        return skipped;
    }

    Optional<Entry> entry(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }

    private static JWSVerifier verifier(JWK jwk) throws JOSEException {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new IllegalArgumentException("use is not sig");
        }
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key of " + rsa.size() + " bits");
            }
            return new RSASSAVerifier(rsa);
        }
        return new ECDSAVerifier((ECKey) jwk);
    }
}
