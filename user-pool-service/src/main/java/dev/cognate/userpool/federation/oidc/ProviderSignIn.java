package dev.cognate.userpool.federation.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.federation.ExternalIdentity;
import dev.cognate.userpool.federation.ExternalIdentity.InboundFederationAttributes;
import dev.cognate.userpool.federation.oidc.ProviderEndpoints.Protocol;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The second half of a provider's sign-in, after the callback's {@code state} checked out: the authorization code
 * exchanged at the token endpoint (with the PKCE verifier and the redirect URI of the start; client authentication
 * {@code client_secret_post} as Cognito's — Cognito does not send {@code client_secret_basic} —, none for a provider
 * without a secret, Apple's JWT client secret for Sign in with Apple), then who signed in:
 * <ul>
 * <li>OIDC and Google: the verified ID token ({@link IdTokenVerification}), then the userInfo endpoint
 *     ({@code attributes_url}, GET or POST per {@code attributes_request_method}) with the access token, whose {@code sub}
 *     must be the ID token's; attributes are the ID token's claims overlaid with userInfo's;</li>
 * <li>Sign in with Apple: the verified ID token, and on the first sign-in the {@code user} form parameter's name
 *     ({@code firstName}, {@code lastName}, {@code name});</li>
 * <li>Facebook: the Graph API's {@code /me?fields=id,...} (the fields the attribute mapping reads) with the access token and
 *     its {@code appsecret_proof}; the subject is {@code id};</li>
 * <li>Login with Amazon: the profile API; the subject is {@code user_id}.</li>
 * </ul>
 */
@ApplicationScoped
public class ProviderSignIn {

    private static final Logger LOG = Logger.getLogger(ProviderSignIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Graph API field name; anything else in an attribute mapping is not asked for. */
    private static final String FACEBOOK_FIELD = "[a-z_]{1,64}";
    /** Apple's {@code user} parameter is a small JSON object; larger is not one. */
    private static final int MAX_APPLE_USER_LENGTH = 4096;

    private final UpstreamHttp http;
    private final IdTokenVerification idTokens;
    private final ProviderEndpointResolver endpoints;
    private final Clock clock;

    public ProviderSignIn(UpstreamHttp http, IdTokenVerification idTokens, ProviderEndpointResolver endpoints, Clock clock) {
        this.http = http;
        this.idTokens = idTokens;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    UpstreamHttp http() {
        return http;
    }

    /** @param appleUser Apple's {@code user} form parameter (first sign-in only), else null */
    public Uni<ExternalIdentity> complete(IdentityProvider provider, ProviderEndpoints resolved, FederationState attempt, String code,
                                          String appleUser) {
        return exchange(provider, resolved, attempt, code).chain(tokens -> switch (resolved.protocol()) {
            case OPENID_CONNECT -> openIdConnect(provider, resolved, attempt, tokens);
            case APPLE -> apple(provider, resolved, attempt, tokens, appleUser);
            case FACEBOOK -> facebook(provider, resolved, tokens);
            case AMAZON -> amazon(provider, resolved, tokens);
        });
    }

    private Uni<ObjectNode> exchange(IdentityProvider provider, ProviderEndpoints resolved, FederationState attempt, String code) {
        Map<String, String> details = provider.providerDetails();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", attempt.redirectUri());
        form.put("client_id", details.get("client_id"));
        form.put("code_verifier", attempt.codeVerifier());
        if (resolved.protocol() == Protocol.APPLE) {
            try {
                form.put("client_secret", AppleClientSecret.of(details, endpoints.appleIssuer(), clock.instant()));
            } catch (IllegalArgumentException e) {
                LOG.warnf("identity provider %s: %s", provider.providerName(), e.getMessage());
                return Uni.createFrom().failure(FederationErrors.misconfigured(provider.providerName(), "its private_key is not a usable EC P-256 key"));
            }
        } else if (details.get("client_secret") != null && !details.get("client_secret").isEmpty()) {
            form.put("client_secret", details.get("client_secret"));
        }
        return Uni.createFrom().deferred(() -> http.postForm(provider.providerName(),
                        http.require(resolved.tokenUrl(), provider.providerName(), "token endpoint"), form, Map.of()))
                .map(answer -> {
                    if (!answer.ok()) {
                        String error = answer.body().path("error").isTextual() ? answer.body().path("error").asText()
                                // Facebook's errors are objects: {"error": {"message", "type", "code"}}
                                : answer.body().path("error").path("type").asText(null);
                        LOG.infof("identity provider %s: the token endpoint answered %d (%s)", provider.providerName(), answer.status(), error);
                        throw FederationErrors.codeRefused(provider.providerName(), error);
                    }
                    return answer.body();
                });
    }

    private Uni<ExternalIdentity> openIdConnect(IdentityProvider provider, ProviderEndpoints resolved, FederationState attempt,
                                                ObjectNode tokens) {
        String idToken = requiredText(provider, tokens, "id_token");
        String accessToken = tokens.path("access_token").asText(null);
        return verify(provider, resolved, attempt, idToken).chain(claims -> {
            if (resolved.userInfoUrl() == null || accessToken == null) {
                return Uni.createFrom().item(identity(provider, claims.path("sub").asText(), claims, tokens, claims, null));
            }
            URI userInfo = http.require(resolved.userInfoUrl(), provider.providerName(), "attributes_url");
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + accessToken);
            Uni<UpstreamHttp.Answer> call = "POST".equals(provider.providerDetails().get("attributes_request_method"))
                    ? http.postForm(provider.providerName(), userInfo, Map.of(), bearer)
                    : http.get(provider.providerName(), userInfo, bearer);
            return call.map(answer -> {
                if (!answer.ok()) {
                    LOG.infof("identity provider %s: userInfo answered %d", provider.providerName(), answer.status());
                    throw FederationErrors.badAnswer(provider.providerName(), "its userInfo endpoint refused the access token");
                }
                // OpenID Connect Core §5.3.2: userInfo of another user than the ID token's must not be used
                if (!claims.path("sub").asText().equals(answer.body().path("sub").asText(null))) {
                    throw FederationErrors.badAnswer(provider.providerName(), "the sub of userInfo is not the sub of the ID token");
                }
                ObjectNode merged = claims.deepCopy();
                merged.setAll(answer.body());
                return identity(provider, claims.path("sub").asText(), merged, tokens, claims, answer.body());
            });
        });
    }

    private Uni<ExternalIdentity> apple(IdentityProvider provider, ProviderEndpoints resolved, FederationState attempt, ObjectNode tokens,
                                        String appleUser) {
        String idToken = requiredText(provider, tokens, "id_token");
        return verify(provider, resolved, attempt, idToken).map(claims -> {
            ObjectNode attributes = claims.deepCopy();
            ObjectNode user = appleUser(appleUser);
            JsonNode name = user.path("name");
            String first = name.path("firstName").asText("");
            String last = name.path("lastName").asText("");
            if (!first.isEmpty()) {
                attributes.put("firstName", first);
            }
            if (!last.isEmpty()) {
                attributes.put("lastName", last);
            }
            if (!first.isEmpty() || !last.isEmpty()) {
                attributes.put("name", (first + " " + last).trim());
            }
            return identity(provider, claims.path("sub").asText(), attributes, tokens, claims, user.isEmpty() ? null : user);
        });
    }

    private Uni<ExternalIdentity> facebook(IdentityProvider provider, ProviderEndpoints resolved, ObjectNode tokens) {
        String accessToken = requiredText(provider, tokens, "access_token");
        Set<String> fields = new LinkedHashSet<>();
        fields.add("id");
        provider.attributeMapping().values().stream().filter(field -> field.matches(FACEBOOK_FIELD)).sorted().forEach(fields::add);
        String me = http.require(resolved.userInfoUrl(), provider.providerName(), "Graph API /me").toString();
        String query = "fields=" + UpstreamHttp.encode(String.join(",", fields))
                + "&appsecret_proof=" + appSecretProof(accessToken, provider.providerDetails().get("client_secret"));
        URI uri = URI.create(me + (me.contains("?") ? "&" : "?") + query);
        return http.get(provider.providerName(), uri, Map.of("Authorization", "Bearer " + accessToken)).map(answer -> {
            String id = answer.body().path("id").asText("");
            if (!answer.ok() || id.isEmpty()) {
                LOG.infof("identity provider %s: the Graph API answered %d", provider.providerName(), answer.status());
                throw FederationErrors.badAnswer(provider.providerName(), "the Graph API did not answer the user's id");
            }
            return identity(provider, id, answer.body(), tokens, null, answer.body());
        });
    }

    private Uni<ExternalIdentity> amazon(IdentityProvider provider, ProviderEndpoints resolved, ObjectNode tokens) {
        String accessToken = requiredText(provider, tokens, "access_token");
        URI profile = http.require(resolved.userInfoUrl(), provider.providerName(), "profile API");
        return http.get(provider.providerName(), profile, Map.of("Authorization", "Bearer " + accessToken)).map(answer -> {
            String userId = answer.body().path("user_id").asText("");
            if (!answer.ok() || userId.isEmpty()) {
                LOG.infof("identity provider %s: the profile API answered %d", provider.providerName(), answer.status());
                throw FederationErrors.badAnswer(provider.providerName(), "the profile API did not answer the user's user_id");
            }
            return identity(provider, userId, answer.body(), tokens, null, answer.body());
        });
    }

    private Uni<ObjectNode> verify(IdentityProvider provider, ProviderEndpoints resolved, FederationState attempt, String idToken) {
        return idTokens.verify(provider.providerName(), idToken, resolved, provider.providerDetails().get("client_id"),
                provider.providerDetails().get("client_secret"), attempt.nonce(), attempt.startedAt());
    }

    private static String requiredText(IdentityProvider provider, ObjectNode tokens, String member) {
        String value = tokens.path(member).asText("");
        if (value.isEmpty()) {
            throw FederationErrors.badAnswer(provider.providerName(), "the token endpoint answered no " + member);
        }
        return value;
    }

    private static ObjectNode appleUser(String json) {
        if (json == null || json.isEmpty() || json.length() > MAX_APPLE_USER_LENGTH) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (Exception e) {
            // the name is a courtesy of the first sign-in: an unreadable one is left out, the sign-in goes on
            return JSON.createObjectNode();
        }
    }

    /** Facebook's {@code appsecret_proof}: hex HMAC-SHA256 of the access token keyed with the app secret. */
    static String appSecretProof(String accessToken, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExternalIdentity identity(IdentityProvider provider, String subject, ObjectNode attributes, ObjectNode tokens,
                                             ObjectNode idTokenClaims, ObjectNode userInfo) {
        return new ExternalIdentity(provider, subject, strings(attributes), new InboundFederationAttributes(
                strings(tokens), idTokenClaims == null ? null : strings(idTokenClaims), userInfo == null ? null : strings(userInfo), null));
    }

    /** A JSON object's members as strings: text as is, anything else (numbers, booleans, objects) as its JSON text. */
    static Map<String, String> strings(ObjectNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                values.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
            }
        });
        return values;
    }
}
