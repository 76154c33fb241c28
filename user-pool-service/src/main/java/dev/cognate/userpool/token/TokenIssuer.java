package dev.cognate.userpool.token;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.Group;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.GroupMembershipRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Mints a user's ID and access tokens with Cognito's exact claims, RS256-signed with the pool's active key
 * ({@code kid} in the header). The refresh token is not a JWT: see {@link RefreshTokens}.
 */
@ApplicationScoped
public class TokenIssuer {

    /** The scope of tokens from the user-pool API (InitiateAuth): the user may call the self-service actions. */
    public static final String ADMIN_SCOPE = "aws.cognito.signin.user.admin";
    private static final Set<String> BOOLEAN_ATTRIBUTES = Set.of("email_verified", "phone_number_verified");

    /** What a sign-in mints: ID and access token, and the access token's lifetime in seconds ({@code ExpiresIn}). */
    public record Minted(String idToken, String accessToken, long expiresIn) {
    }

    /** Who and what the tokens are for; {@code originJti} names the refresh-token family. */
    public record Grant(String issuer, AppClient client, User user, List<Group> groups, UUID originJti, UUID eventId,
                        Instant authTime, Instant issuedAt) {
    }

    private final Pool db;
    private final SigningKeys keys;
    private final GroupMembershipRepository memberships;
    private final CognateConfig config;

    public TokenIssuer(Pool db, SigningKeys keys, GroupMembershipRepository memberships, CognateConfig config) {
        this.db = db;
        this.keys = keys;
        this.memberships = memberships;
        this.config = config;
    }

    /** The pool's issuer: {@code <cognate.public-base-url>/<poolId>}. */
    public String issuer(String poolId) {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + poolId;
    }

    public Uni<Minted> mint(AppClient client, User user, UUID originJti, Instant authTime) {
        return memberships.groupsByPrecedence(db, user.userPoolId(), user.sub())
                .chain(groups -> keys.activeKey(user.userPoolId()).map(key -> {
                    Grant grant = new Grant(issuer(user.userPoolId()), client, user, groups, originJti, UUID.randomUUID(),
                            authTime, Instant.now());
                    TokenLifetimes lifetimes = TokenLifetimes.of(client);
                    return new Minted(
                            Jwt.sign(idTokenClaims(grant, lifetimes), key.kid(), key.privateKey()),
                            Jwt.sign(accessTokenClaims(grant, lifetimes), key.kid(), key.privateKey()),
                            lifetimes.accessToken().toSeconds());
                }));
    }

    /** The ID token's claims, in Cognito's order; user attributes filtered by the client's {@code ReadAttributes} when it has some. */
    public static ObjectNode idTokenClaims(Grant grant, TokenLifetimes lifetimes) {
        ObjectNode claims = Jwt.JSON.createObjectNode();
        claims.put("sub", grant.user().sub().toString());
        groupClaims(claims, grant.groups(), true);
        claims.put("iss", grant.issuer());
        claims.put("cognito:username", grant.user().username());
        claims.put("origin_jti", grant.originJti().toString());
        claims.put("aud", grant.client().clientId());
        claims.put("event_id", grant.eventId().toString());
        claims.put("token_use", "id");
        times(claims, grant, lifetimes.idToken().toSeconds());
        List<String> readable = grant.client().list("ReadAttributes");
        grant.user().attributes().forEach((name, value) -> {
            if (!readable.isEmpty() && !readable.contains(name)) {
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
        return claims;
    }

    /** The access token's claims, in Cognito's order. */
    public static ObjectNode accessTokenClaims(Grant grant, TokenLifetimes lifetimes) {
        ObjectNode claims = Jwt.JSON.createObjectNode();
        claims.put("sub", grant.user().sub().toString());
        groupClaims(claims, grant.groups(), false);
        claims.put("iss", grant.issuer());
        claims.put("client_id", grant.client().clientId());
        claims.put("origin_jti", grant.originJti().toString());
        claims.put("event_id", grant.eventId().toString());
        claims.put("token_use", "access");
        claims.put("scope", ADMIN_SCOPE);
        times(claims, grant, lifetimes.accessToken().toSeconds());
        claims.put("username", grant.user().username());
        return claims;
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
