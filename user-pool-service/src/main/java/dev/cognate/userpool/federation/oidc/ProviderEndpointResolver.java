package dev.cognate.userpool.federation.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.config.FederationConfig;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.federation.oidc.ProviderEndpoints.Protocol;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A provider's endpoints for one sign-in:
 * <ul>
 * <li>OIDC: {@code authorize_url}, {@code token_url}, {@code attributes_url}, {@code jwks_uri} from the details where
 *     given, the rest from the discovery document at {@code {oidc_issuer}/.well-known/openid-configuration}, whose
 *     {@code issuer} must be exactly {@code oidc_issuer} (OpenID Connect Discovery §4.3); with authorize, token and JWKS
 *     URLs all given no discovery is made. Documents are kept {@code cognate.federation.metadata-ttl}, at most
 *     {@link #MAX_CACHED} issuers.</li>
 * <li>Google, Facebook, Login with Amazon, Sign in with Apple: their public endpoints, each replaced by
 *     {@code cognate.federation.<provider>.*} when set.</li>
 * </ul>
 */
@ApplicationScoped
public class ProviderEndpointResolver {

    static final int MAX_CACHED = 500;
    /** Facebook's Graph API version when the provider's details name none ({@code api_version}). */
    static final String FACEBOOK_DEFAULT_API_VERSION = "v17.0";
    private static final Logger LOG = Logger.getLogger(ProviderEndpointResolver.class);

    private final FederationConfig config;
    private final UpstreamHttp http;
    private final BoundedCache<String, ObjectNode> discovery;

    public ProviderEndpointResolver(FederationConfig config, UpstreamHttp http, Clock clock) {
        this.config = config;
        this.http = http;
        this.discovery = new BoundedCache<>(MAX_CACHED, config.metadataTtl(), clock);
    }

    /** Whether sign-in through providers of this type goes through this engine. */
    static boolean knows(String providerType) {
        return Set.of("OIDC", "Google", "Facebook", "LoginWithAmazon", "SignInWithApple").contains(providerType);
    }

    public Uni<ProviderEndpoints> resolve(IdentityProvider provider) {
        Map<String, String> details = provider.providerDetails();
        return switch (provider.providerType()) {
            case "OIDC" -> oidc(provider.providerName(), details);
            case "Google" -> Uni.createFrom().item(social(Protocol.OPENID_CONNECT, config.google(),
                    "https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
                    "https://openidconnect.googleapis.com/v1/userinfo", "https://www.googleapis.com/oauth2/v3/certs",
                    // Google's ID tokens carry either spelling of its issuer
                    Set.of("https://accounts.google.com", "accounts.google.com")));
            case "Facebook" -> {
                String version = Optional.ofNullable(details.get("api_version")).filter(v -> v.matches("v\\d{1,3}\\.\\d{1,3}"))
                        .orElse(FACEBOOK_DEFAULT_API_VERSION);
                yield Uni.createFrom().item(social(Protocol.FACEBOOK, config.facebook(),
                        "https://www.facebook.com/" + version + "/dialog/oauth", "https://graph.facebook.com/" + version + "/oauth/access_token",
                        "https://graph.facebook.com/" + version + "/me", null, Set.of()));
            }
            case "LoginWithAmazon" -> Uni.createFrom().item(social(Protocol.AMAZON, config.amazon(),
                    "https://www.amazon.com/ap/oa", "https://api.amazon.com/auth/o2/token", "https://api.amazon.com/user/profile",
                    null, Set.of()));
            case "SignInWithApple" -> Uni.createFrom().item(social(Protocol.APPLE, config.apple(),
                    "https://appleid.apple.com/auth/authorize", "https://appleid.apple.com/auth/token", null,
                    "https://appleid.apple.com/auth/keys", Set.of(appleIssuer())));
            default -> throw new IllegalArgumentException("not an OIDC or social provider type: " + provider.providerType());
        };
    }

    /** Apple's issuer: the {@code iss} of its ID tokens and the {@code aud} of the JWT client secret. */
    public String appleIssuer() {
        return config.apple().issuer().orElse("https://appleid.apple.com");
    }

    private static ProviderEndpoints social(Protocol protocol, FederationConfig.Endpoints overrides, String authorize, String token,
                                            String userInfo, String jwks, Set<String> issuers) {
        return new ProviderEndpoints(protocol, overrides.authorizeUrl().orElse(authorize), overrides.tokenUrl().orElse(token),
                protocol == Protocol.APPLE ? null : overrides.userinfoUrl().orElse(userInfo),
                protocol.hasIdToken() ? overrides.jwksUri().orElse(jwks) : null,
                overrides.issuer().map(Set::of).orElse(issuers));
    }

    private Uni<ProviderEndpoints> oidc(String providerName, Map<String, String> details) {
        String issuer = details.get("oidc_issuer");
        if (details.containsKey("authorize_url") && details.containsKey("token_url") && details.containsKey("jwks_uri")) {
            return Uni.createFrom().item(new ProviderEndpoints(Protocol.OPENID_CONNECT, details.get("authorize_url"),
                    details.get("token_url"), details.get("attributes_url"), details.get("jwks_uri"), Set.of(issuer)));
        }
        return discover(providerName, issuer).map(document -> new ProviderEndpoints(Protocol.OPENID_CONNECT,
                details.getOrDefault("authorize_url", text(document, "authorization_endpoint")),
                details.getOrDefault("token_url", text(document, "token_endpoint")),
                details.getOrDefault("attributes_url", text(document, "userinfo_endpoint")),
                details.getOrDefault("jwks_uri", text(document, "jwks_uri")),
                Set.of(issuer)));
    }

    private Uni<ObjectNode> discover(String providerName, String issuer) {
        Optional<ObjectNode> cached = discovery.get(issuer);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        String url = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/.well-known/openid-configuration";
        return Uni.createFrom().deferred(() -> http.get(providerName, http.require(url, providerName, "oidc_issuer"), Map.of()))
                .map(answer -> {
                    if (!answer.ok()) {
                        LOG.warnf("identity provider %s: discovery at %s answered %d", providerName, url, answer.status());
                        throw FederationErrors.providerUnavailable(providerName);
                    }
                    ObjectNode document = answer.body();
                    if (!issuer.equals(text(document, "issuer"))) {
                        LOG.warnf("identity provider %s: the discovery document names issuer %s, not %s", providerName,
                                text(document, "issuer"), issuer);
                        throw FederationErrors.misconfigured(providerName, "its discovery document names another issuer");
                    }
                    discovery.put(issuer, document);
                    return document;
                });
    }

    private static String text(ObjectNode document, String member) {
        return document.path(member).isTextual() ? document.path(member).asText() : null;
    }
}
