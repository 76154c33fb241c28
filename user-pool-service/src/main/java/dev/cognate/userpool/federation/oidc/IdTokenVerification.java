package dev.cognate.userpool.federation.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwksSource;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.RemoteJwks;
import dev.cognate.tokens.SigningAlgorithm;
import dev.cognate.tokens.TokenRejectedException;
import dev.cognate.tokens.UnverifiedJwt;
import dev.cognate.tokens.VerifiedJwt;
import dev.cognate.userpool.config.FederationConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Verifies an upstream ID token (OpenID Connect Core §3.1.3.7) before anything of it is used: the signature with a key
 * of the provider's JWKS chosen by {@code kid} (asymmetric algorithms only — RS, PS, ES —, so {@code none} and
 * {@code HS*} never pass; the key set fetched again on an unknown {@code kid}, at most every 10 s), {@code iss} one of
 * the provider's issuers, {@code aud} containing the client id (and {@code azp} the client id when there are several
 * audiences), {@code exp} in the future, {@code iat} not in the future and not before the sign-in started, and
 * {@code nonce} equal to the attempt's. Key sources are kept per {@code jwks_uri}, at most
 * {@link ProviderEndpointResolver#MAX_CACHED}.
 */
@ApplicationScoped
public class IdTokenVerification {

    static final JwtVerifier VERIFIER = JwtVerifier.allowing(SigningAlgorithm.RS256, SigningAlgorithm.RS384, SigningAlgorithm.RS512,
            SigningAlgorithm.PS256, SigningAlgorithm.PS384, SigningAlgorithm.PS512,
            SigningAlgorithm.ES256, SigningAlgorithm.ES384, SigningAlgorithm.ES512);
    private static final Duration SKEW = ClaimChecks.DEFAULT_CLOCK_SKEW;
    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(IdTokenVerification.class);

    private final UpstreamHttp http;
    private final FederationConfig config;
    private final Clock clock;
    private final BoundedCache<String, JwksSource> keySources;

    public IdTokenVerification(UpstreamHttp http, FederationConfig config, Clock clock) {
        this.http = http;
        this.config = config;
        this.clock = clock;
        this.keySources = new BoundedCache<>(ProviderEndpointResolver.MAX_CACHED, Duration.ofDays(1), clock);
    }

    /**
     * The verified claims of {@code idToken}; otherwise {@link FederationErrors#invalidIdToken} naming the failed check.
     *
     * @param startedAt epoch seconds at which the sign-in started (an ID token issued before it is not this sign-in's)
     */
    public Uni<ObjectNode> verify(String providerName, String idToken, ProviderEndpoints endpoints, String clientId, String clientSecret,
                                  String nonce, long startedAt) {
        return Uni.createFrom().deferred(() -> {
            if (endpoints.protocol() == ProviderEndpoints.Protocol.OPENID_CONNECT && HmacIdTokens.isHmac(idToken)) {
                return Uni.createFrom().item(() -> HmacIdTokens.verify(idToken, clientSecret, hmacChecks(idToken, endpoints, clientId)));
            }
            UnverifiedJwt jwt = VERIFIER.parse(idToken);
            String issuer = jwt.untrustedIssuer();
            if (issuer == null || !endpoints.issuers().contains(issuer)) {
                throw new TokenRejectedException(TokenRejectedException.Reason.WRONG_ISSUER, "iss " + issuer);
            }
            JwksSource keys = keySources.computeIfAbsent(endpoints.jwksUri(), uri -> RemoteJwks.source(http.client(),
                    http.require(uri, providerName, "jwks_uri"), http.timeout(), config.metadataTtl(), REFETCH_INTERVAL, clock));
            ClaimChecks checks = ClaimChecks.issuedBy(issuer).audience(clientId).clock(clock);
            // the key set is fetched by the verifier over the same client: its host passes the egress policy first
            return http.checked(providerName, http.require(endpoints.jwksUri(), providerName, "jwks_uri"))
                    .chain(() -> Uni.createFrom().completionStage(() -> VERIFIER.verify(jwt, keys, checks))).map(VerifiedJwt::claims);
        }).map(claims -> {
            checkAuthorizedParty(providerName, claims, clientId);
            long iat = claims.path("iat").asLong();
            if (iat < startedAt - SKEW.toSeconds()) {
                throw FederationErrors.invalidIdToken(providerName, "it was issued before this sign-in started");
            }
            if (!claims.path("nonce").isTextual() || !nonce.equals(claims.path("nonce").asText())) {
                throw FederationErrors.invalidIdToken(providerName, "the nonce is not the one of this sign-in");
            }
            if (!claims.path("sub").isTextual() || claims.path("sub").asText().isEmpty()) {
                throw FederationErrors.invalidIdToken(providerName, "it has no sub");
            }
            return claims;
        }).onFailure(TokenRejectedException.class).transform(failure -> {
            TokenRejectedException rejected = (TokenRejectedException) failure;
            LOG.infof("identity provider %s: ID token refused (%s): %s", providerName, rejected.reason(), rejected.getMessage());
            return FederationErrors.invalidIdToken(providerName, describe(rejected.reason()));
        });
    }

    /** The claim checks of an HMAC token: its {@code iss} (read before the MAC is checked) must be one of the provider's. */
    private ClaimChecks hmacChecks(String idToken, ProviderEndpoints endpoints, String clientId) {
        String issuer = HmacIdTokens.untrustedClaims(idToken).map(claims -> claims.path("iss"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
        if (issuer == null || !endpoints.issuers().contains(issuer)) {
            throw new TokenRejectedException(TokenRejectedException.Reason.WRONG_ISSUER, "iss " + issuer);
        }
        return ClaimChecks.issuedBy(issuer).audience(clientId).clock(clock);
    }

    /** With several audiences {@code azp} must be this client, and when present it must be (OpenID Connect Core §3.1.3.7, items 4 and 5). */
    private static void checkAuthorizedParty(String providerName, ObjectNode claims, String clientId) {
        JsonNode aud = claims.path("aud");
        JsonNode azp = claims.path("azp");
        boolean several = aud.isArray() && aud.size() > 1;
        boolean azpIsClient = azp.isTextual() && azp.asText().equals(clientId);
        if ((several || !azp.isMissingNode()) && !azpIsClient) {
            throw FederationErrors.invalidIdToken(providerName, "azp is not the client id");
        }
    }

    private static String describe(TokenRejectedException.Reason reason) {
        return switch (reason) {
            case MALFORMED -> "it is not a well-formed JWT";
            case ALGORITHM_NOT_ALLOWED -> "its algorithm is not allowed (RS, PS, ES, or HS with the client secret)";
            case UNSUPPORTED_HEADER -> "its header is not supported (a kid is required)";
            case UNKNOWN_KID -> "no key of the provider's JWKS has its kid";
            case KEY_MISMATCH -> "its key does not fit its algorithm (an HS key must be as long as its hash)";
            case BAD_SIGNATURE -> "the signature does not verify";
            case KEYS_UNAVAILABLE -> "the provider's keys could not be fetched";
            case WRONG_ISSUER -> "the issuer is not the provider";
            case WRONG_AUDIENCE -> "the audience is not the client id";
            case EXPIRED -> "it has expired";
            case NOT_YET_VALID, ISSUED_IN_FUTURE -> "it is issued in the future";
            case MISSING_CLAIM -> "a required claim (exp, iat) is missing";
            default -> reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
