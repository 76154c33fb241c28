package dev.cognate.userpool.token;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.tokens.JwtSigner;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.FederatedIdentities;
import dev.cognate.userpool.domain.Group;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.GroupMembershipRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.trigger.PreTokenGenerationTrigger;
import dev.cognate.userpool.trigger.PreTokenCustomization;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Mints a user's ID and access tokens with Cognito's exact claims, RS256-signed with the pool's active key
 * ({@code kid} in the header; signed through libs/tokens' {@link JwtSigner}) — for the user-pool API and for the OAuth 2.0 grants of {@code /oauth2/token} — and the
 * client-credentials grant's access token. The refresh token is not a JWT: see {@link RefreshTokens}.
 */
@ApplicationScoped
public class TokenIssuer {

    /** The scope of tokens from the user-pool API (InitiateAuth): the user may call the self-service actions. */
    public static final String ADMIN_SCOPE = "aws.cognito.signin.user.admin";
    private static final Set<String> BOOLEAN_ATTRIBUTES = Set.of("email_verified", "phone_number_verified");

    /** What a sign-in mints: ID token (null when not granted), access token, and the access token's lifetime in seconds ({@code ExpiresIn}). */
    public record Minted(String idToken, String accessToken, long expiresIn) {
    }

    /**
     * What the tokens are allowed to do: the access token's scopes, whether an ID token is minted, and the authorization
     * request's {@code nonce} for it. The user-pool API ({@link #API}) mints both tokens with the scope
     * {@code aws.cognito.signin.user.admin}; an OAuth grant ({@link #oauth}) mints an ID token only when {@code openid}
     * was granted.
     */
    public record Authorization(List<String> scopes, boolean idToken, String nonce) {

        public static final Authorization API = new Authorization(List.of(ADMIN_SCOPE), true, null);

        public Authorization {
            scopes = List.copyOf(scopes);
        }

        public static Authorization oauth(List<String> scopes, String nonce) {
            return new Authorization(scopes, scopes.contains("openid"), nonce);
        }

        /** The tokens a refresh-token family keeps minting: its OAuth scopes, or the API's when it has none (null). */
        public static Authorization ofFamily(List<String> familyScopes) {
            return familyScopes == null ? API : oauth(familyScopes, null);
        }

        String scope() {
            return String.join(" ", scopes);
        }
    }

    /** Who and what the tokens are for; {@code originJti} names the refresh-token family. */
    public record Grant(String issuer, AppClient client, User user, List<Group> groups, UUID originJti, UUID eventId,
                        Instant authTime, Instant issuedAt, Authorization authorization) {

        /** A grant of the user-pool API. */
        public Grant(String issuer, AppClient client, User user, List<Group> groups, UUID originJti, UUID eventId, Instant authTime,
                     Instant issuedAt) {
            this(issuer, client, user, groups, originJti, eventId, authTime, issuedAt, Authorization.API);
        }
    }

    private final Pool db;
    private final SigningKeys keys;
    private final TokenSigners signers;
    private final GroupMembershipRepository memberships;
    private final UserPoolRepository pools;
    private final PreTokenGenerationTrigger preTokenGeneration;
    private final CognateConfig config;
    private final Clock clock;

    public TokenIssuer(Pool db, SigningKeys keys, TokenSigners signers, GroupMembershipRepository memberships, UserPoolRepository pools,
                       PreTokenGenerationTrigger preTokenGeneration, CognateConfig config, Clock clock) {
        this.db = db;
        this.keys = keys;
        this.signers = signers;
        this.memberships = memberships;
        this.pools = pools;
        this.preTokenGeneration = preTokenGeneration;
        this.config = config;
        this.clock = clock;
    }

    /** The pool's issuer: {@code <cognate.public-base-url>/<poolId>}. */
    public String issuer(String poolId) {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + poolId;
    }

    /**
     * Tokens about to be minted: who and what for, and what the pool's PreTokenGeneration function changes in them.
     * Preparing runs the trigger and changes nothing; {@link #sign} then mints — so a caller runs the trigger before it
     * commits anything (a sign-in, a rotated refresh token, a redeemed code), and a failing function leaves no trace.
     */
    public record Prepared(AppClient client, User user, List<Group> groups, Instant authTime, Authorization authorization,
                           PreTokenCustomization customization) {
    }

    /**
     * The tokens of a sign-in through the user-pool API ({@code TokenGeneration_Authentication}), prepared and signed at
     * once: for callers with nothing to commit between the two.
     */
    public Uni<Minted> mint(AppClient client, User user, UUID originJti, Instant authTime) {
        return prepare(client, user, authTime, Authorization.API, PreTokenGenerationTrigger.Source.AUTHENTICATION, null)
                .chain(prepared -> sign(prepared, originJti));
    }

    /**
     * Runs the pool's PreTokenGeneration trigger (any version) as {@code source} for the tokens of a sign-in or refresh
     * with {@code authorization}'s scopes; its failure is Cognito's exception, and nothing is minted.
     *
     * @param clientMetadata the request's {@code ClientMetadata} for the event, or null
     */
    public Uni<Prepared> prepare(AppClient client, User user, Instant authTime, Authorization authorization,
                                 PreTokenGenerationTrigger.Source source, Map<String, String> clientMetadata) {
        return pools.require(db, user.userPoolId()).chain(pool -> memberships.groupsByPrecedence(db, user.userPoolId(), user.sub())
                .chain(groups -> {
                    // the ID token as it would be without the trigger: its group claims are the event's groupConfiguration
                    Grant draft = new Grant(issuer(user.userPoolId()), client, user, groups, new UUID(0, 0), new UUID(0, 0),
                            authTime, clock.instant(), authorization);
                    Map<String, String> attributes = new LinkedHashMap<>();
                    attributes.put("sub", user.sub().toString());
                    attributes.putAll(user.attributes());
                    attributes.put("cognito:user_status", user.status().name());
                    PreTokenGenerationTrigger.Request request = new PreTokenGenerationTrigger.Request(source, user.username(),
                            client.clientId(), attributes, idTokenClaims(draft, TokenLifetimes.of(client)), authorization.scopes(),
                            clientMetadata);
                    return preTokenGeneration.run(pool.id(), pool.config().lambdaConfig(), request)
                            .map(customization -> new Prepared(client, user, groups, authTime, authorization, customization));
                }));
    }

    /**
     * Mints prepared tokens in the refresh-token family {@code originJti}. The ID token of an OAuth grant carries
     * {@code at_hash} (OpenID Connect Core §3.1.3.6) for the access token minted with it, and the request's {@code nonce}.
     */
    public Uni<Minted> sign(Prepared prepared, UUID originJti) {
        return sign(prepared, originJti, null);
    }

    /** As {@link #sign(Prepared, UUID)}, the access token naming the sign-in's remembered device ({@code device_key}) when not null. */
    public Uni<Minted> sign(Prepared prepared, UUID originJti, String deviceKey) {
        Authorization authorization = prepared.authorization();
        Grant grant = new Grant(issuer(prepared.user().userPoolId()), prepared.client(), prepared.user(), prepared.groups(), originJti,
                UUID.randomUUID(), prepared.authTime(), clock.instant(), authorization);
        TokenLifetimes lifetimes = TokenLifetimes.of(prepared.client());
        return keys.activeKey(prepared.user().userPoolId()).map(key -> {
            JwtSigner signer = signers.of(key);
            ObjectNode accessClaims = withDeviceKey(accessTokenClaims(grant, lifetimes), deviceKey);
            prepared.customization().applyToAccessToken(accessClaims);
            String accessToken = signer.sign(accessClaims);
            String atHash = authorization == Authorization.API ? null : atHash(accessToken);
            String idToken = null;
            if (authorization.idToken()) {
                ObjectNode idClaims = idTokenClaims(grant, lifetimes, atHash);
                prepared.customization().applyToIdToken(idClaims);
                idToken = signer.sign(idClaims);
            }
            return new Minted(idToken, accessToken, lifetimes.accessToken().toSeconds());
        });
    }

    /**
     * The client-credentials grant's access token, as Cognito mints it for machine-to-machine calls: {@code sub} and
     * {@code client_id} are the client, {@code scope} the granted custom scopes, {@code version} 2; no user, no groups.
     * A V3_0 PreTokenGeneration function runs first ({@code TokenGeneration_ClientCredentials}, {@code userName} the
     * client id, no user attributes) and may change the token's claims and scopes; V1_0 and V2_0 functions are not called.
     *
     * @param clientMetadata the request's {@code aws_client_metadata}, or null
     */
    public Uni<Minted> mintForClient(AppClient client, List<String> scopes, Map<String, String> clientMetadata) {
        PreTokenGenerationTrigger.Request request = new PreTokenGenerationTrigger.Request(PreTokenGenerationTrigger.Source.CLIENT_CREDENTIALS,
                client.clientId(), client.clientId(), Map.of(), null, scopes, clientMetadata);
        return pools.require(db, client.userPoolId())
                .chain(pool -> preTokenGeneration.run(pool.id(), pool.config().lambdaConfig(), request))
                .chain(customization -> keys.activeKey(client.userPoolId()).map(key -> {
                    long lifetime = TokenLifetimes.of(client).accessToken().toSeconds();
                    long iat = clock.instant().getEpochSecond();
                    ObjectNode claims = JsonNodeFactory.instance.objectNode();
                    claims.put("sub", client.clientId());
                    claims.put("token_use", "access");
                    claims.put("scope", String.join(" ", scopes));
                    claims.put("auth_time", iat);
                    claims.put("iss", issuer(client.userPoolId()));
                    claims.put("exp", iat + lifetime);
                    claims.put("iat", iat);
                    claims.put("version", 2);
                    claims.put("jti", UUID.randomUUID().toString());
                    claims.put("client_id", client.clientId());
                    customization.applyToAccessToken(claims);
                    return new Minted(null, signers.of(key).sign(claims), lifetime);
                }));
    }

    /** OpenID Connect Core §3.1.3.6: base64url of the left half of SHA-256 over the access token's ASCII octets. */
    public static String atHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public static ObjectNode idTokenClaims(Grant grant, TokenLifetimes lifetimes) {
        return idTokenClaims(grant, lifetimes, null);
    }

    /** The ID token's claims, in Cognito's order; user attributes filtered by the client's {@code ReadAttributes} when it has some. */
    public static ObjectNode idTokenClaims(Grant grant, TokenLifetimes lifetimes, String atHash) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        if (atHash != null) {
            claims.put("at_hash", atHash);
        }
        claims.put("sub", grant.user().sub().toString());
        groupClaims(claims, grant.groups(), true);
        claims.put("iss", grant.issuer());
        claims.put("cognito:username", grant.user().username());
        if (grant.authorization().nonce() != null) {
            claims.put("nonce", grant.authorization().nonce());
        }
        claims.put("origin_jti", grant.originJti().toString());
        claims.put("aud", grant.client().clientId());
        claims.put("event_id", grant.eventId().toString());
        claims.put("token_use", "id");
        times(claims, grant, lifetimes.idToken().toSeconds());
        List<String> readable = grant.client().config().readAttributes();
        attributeClaims(claims, grant.user(), name -> readable.isEmpty() || readable.contains(name));
        // a federated or linked user's identities: an array in the ID token (the attribute itself is a JSON text), whatever
        // the client's ReadAttributes, as Cognito
        String identities = grant.user().attributes().get(FederatedIdentities.ATTRIBUTE);
        if (identities != null) {
            claims.set(FederatedIdentities.ATTRIBUTE, FederatedIdentities.parse(identities).toClaim());
        }
        return claims;
    }

    /**
     * The user's attributes that {@code included} accepts, as claims: {@code email_verified} and
     * {@code phone_number_verified} as booleans, {@code updated_at} as a number, the others as strings.
     */
    public static void attributeClaims(ObjectNode claims, User user, Predicate<String> included) {
        user.attributes().forEach((name, value) -> {
            if (!included.test(name)) {
                return;
            }
            if (BOOLEAN_ATTRIBUTES.contains(name)) {
                claims.put(name, Boolean.parseBoolean(value));
            } else if ("updated_at".equals(name) && value.matches("\\d{1,12}")) {
                claims.put(name, Long.parseLong(value));
            } else {
                claims.put(name, value);
            }
        });
    }

    /** The access token's claims, in Cognito's order. */
    public static ObjectNode accessTokenClaims(Grant grant, TokenLifetimes lifetimes) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("sub", grant.user().sub().toString());
        groupClaims(claims, grant.groups(), false);
        claims.put("iss", grant.issuer());
        claims.put("client_id", grant.client().clientId());
        claims.put("origin_jti", grant.originJti().toString());
        claims.put("event_id", grant.eventId().toString());
        claims.put("token_use", "access");
        claims.put("scope", grant.authorization().scope());
        times(claims, grant, lifetimes.accessToken().toSeconds());
        claims.put("username", grant.user().username());
        return claims;
    }

    /** Cognito's access token names the device right after {@code sub}: {@code device_key}. */
    static ObjectNode withDeviceKey(ObjectNode claims, String deviceKey) {
        if (deviceKey == null) {
            return claims;
        }
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        ordered.set("sub", claims.get("sub"));
        ordered.put("device_key", deviceKey);
        claims.fields().forEachRemaining(field -> {
            if (!"sub".equals(field.getKey())) {
                ordered.set(field.getKey(), field.getValue());
            }
        });
        return ordered;
    }

    private static void times(ObjectNode claims, Grant grant, long lifetimeSeconds) {
        long iat = grant.issuedAt().getEpochSecond();
        claims.put("auth_time", grant.authTime().getEpochSecond());
        claims.put("exp", iat + lifetimeSeconds);
        claims.put("iat", iat);
        claims.put("jti", UUID.randomUUID().toString());
    }

    /**
     * {@code cognito:groups} (already in precedence order); in ID tokens also {@code cognito:roles} (each group's role,
     * once) and {@code cognito:preferred_role}: the role of the highest-precedence group that has one — none when groups
     * of that precedence disagree on the role, as Cognito.
     */
    private static void groupClaims(ObjectNode claims, List<Group> groups, boolean roles) {
        if (groups.isEmpty()) {
            return;
        }
        ArrayNode names = claims.putArray("cognito:groups");
        groups.forEach(group -> names.add(group.groupName()));
        if (!roles) {
            return;
        }
        Set<String> roleArns = new LinkedHashSet<>();
        groups.stream().map(Group::roleArn).filter(Objects::nonNull).forEach(roleArns::add);
        if (roleArns.isEmpty()) {
            return;
        }
        Group first = groups.stream().filter(group -> group.roleArn() != null).findFirst().orElseThrow();
        boolean agreed = groups.stream()
                .filter(group -> group.roleArn() != null && Objects.equals(group.precedence(), first.precedence()))
                .allMatch(group -> group.roleArn().equals(first.roleArn()));
        if (agreed) {
            claims.put("cognito:preferred_role", first.roleArn());
        }
        ArrayNode arns = claims.putArray("cognito:roles");
        roleArns.forEach(arns::add);
    }
}
