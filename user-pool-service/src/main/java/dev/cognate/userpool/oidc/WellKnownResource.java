package dev.cognate.userpool.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.ResourceServer;
import dev.cognate.userpool.domain.UserPoolDomain;
import dev.cognate.userpool.repository.ResourceServerRepository;
import dev.cognate.userpool.repository.UserPoolDomainRepository;
import dev.cognate.userpool.token.PublishedJwks;
import dev.cognate.userpool.token.SigningKeys;
import dev.cognate.userpool.token.TokenIssuer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pool's OpenID Connect discovery document and JWKS, under its issuer as Cognito serves them:
 * {@code GET /{poolId}/.well-known/openid-configuration} and {@code GET /{poolId}/.well-known/jwks.json}.
 * An unknown pool answers 404 with a JSON body.
 *
 * <p>The token, userInfo and revocation endpoints are this service's ({@code cognate.public-base-url}); the
 * authorization and logout endpoints are the hosted login of the pool's domain (hosted-ui-service), listed once the
 * pool has a domain. {@code scopes_supported} lists the standard scopes and the pool's resource-server scopes.
 *
 * <p>Both documents are served as bytes serialised once: the JWKS when the pool's keys are loaded ({@link SigningKeys},
 * reloaded on rotation), discovery by {@link DiscoveryDocuments} (rebuilt after a change of the pool's domains or
 * resource servers). Each carries a strong {@code ETag}; a matching {@code If-None-Match} answers 304 without a body.
 */
@Path("/{poolId}/.well-known")
public class WellKnownResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long clients and caches may keep either document: about a key's pre-publication, well under its retention. */
    private static final String CACHE_CONTROL = "max-age=300";
    private static final List<String> CLAIMS = List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "token_use", "cognito:username",
            "cognito:groups", "email", "email_verified", "phone_number", "phone_number_verified", "name", "given_name", "family_name",
            "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo",
            "locale", "address", "updated_at", "identities", "username", "nonce", "at_hash");

    /** Cognito's quota of resource servers per pool is 25; discovery lists at most this many. */
    private static final int MAX_RESOURCE_SERVERS = 100;

    private final Pool db;
    private final SigningKeys keys;
    private final TokenIssuer issuer;
    private final UserPoolDomainRepository domains;
    private final ResourceServerRepository resourceServers;
    private final HostedLoginUrls urls;
    private final DiscoveryDocuments documents;

    public WellKnownResource(Pool db, SigningKeys keys, TokenIssuer issuer, UserPoolDomainRepository domains,
                             ResourceServerRepository resourceServers, HostedLoginUrls urls, DiscoveryDocuments documents) {
        this.db = db;
        this.keys = keys;
        this.issuer = issuer;
        this.domains = domains;
        this.resourceServers = resourceServers;
        this.urls = urls;
        this.documents = documents;
    }

    @GET
    @Path("/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> jwks(@PathParam("poolId") String poolId, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return keys.publishedJwks(poolId)
                .map(jwks -> answer(jwks.body(), jwks.etag(), ifNoneMatch))
                .onFailure(CognitoException.class).recoverWithItem(WellKnownResource::notFound);
    }

    @GET
    @Path("/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> openidConfiguration(@PathParam("poolId") String poolId, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        // the published keys (cached) answer whether the pool exists, as for the JWKS
        return keys.publishedKeys(poolId)
                .chain(() -> documents.document(poolId, () -> buildDiscovery(poolId)))
                .map(document -> answer(document.body(), document.etag(), ifNoneMatch))
                .onFailure(CognitoException.class).recoverWithItem(WellKnownResource::notFound);
    }

    private Uni<DiscoveryDocuments.Document> buildDiscovery(String poolId) {
        return domains.ofPool(db, poolId)
                .chain(poolDomains -> resourceServers.page(db, poolId, null, MAX_RESOURCE_SERVERS)
                        .map(servers -> serialise(discovery(poolId, poolDomains.stream().findFirst(), servers))));
    }

    private static DiscoveryDocuments.Document serialise(ObjectNode document) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(document);
            return new DiscoveryDocuments.Document(body, PublishedJwks.etagOf(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a discovery document always serialises", e);
        }
    }

    /** 200 with the bytes, or 304 when the client already has them (RFC 9110 §13.1.2: {@code *} or one of the listed tags). */
    private static Response answer(byte[] body, String etag, String ifNoneMatch) {
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return Response.notModified().tag(etag.substring(1, etag.length() - 1)).header("Cache-Control", CACHE_CONTROL).build();
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, etag).header("Cache-Control", CACHE_CONTROL).build();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2); // weak comparison, as RFC 9110 requires for If-None-Match
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode discovery(String poolId, Optional<UserPoolDomain> domain, List<ResourceServer> servers) {
        String iss = issuer.issuer(poolId);
        String base = issuer.issuer("");
        ObjectNode body = JSON.objectNode();
        domain.map(urls::hostedLoginBase).ifPresent(login -> body.put("authorization_endpoint", login + "/oauth2/authorize"));
        domain.map(urls::hostedLoginBase).ifPresent(login -> body.put("end_session_endpoint", login + "/logout"));
        strings(body, "id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("issuer", iss);
        body.put("jwks_uri", iss + "/.well-known/jwks.json");
        // as Cognito: the code flow and, for clients that allow it, the implicit flow (hosted-ui-service)
        strings(body, "response_types_supported", List.of("code", "token"));
        body.put("revocation_endpoint", base + "oauth2/revoke");
        List<String> scopes = new ArrayList<>(List.of("openid", "email", "phone", "profile", TokenIssuer.ADMIN_SCOPE));
        servers.forEach(server -> scopes.addAll(server.qualifiedScopes()));
        strings(body, "scopes_supported", scopes);
        strings(body, "subject_types_supported", List.of("public"));
        body.put("token_endpoint", base + "oauth2/token");
        // "none": a public client sends its client_id alone (and PKCE)
        List<String> clientAuthentication = List.of("client_secret_basic", "client_secret_post", "none");
        strings(body, "token_endpoint_auth_methods_supported", clientAuthentication);
        strings(body, "revocation_endpoint_auth_methods_supported", clientAuthentication);
        body.put("userinfo_endpoint", base + "oauth2/userInfo");
        strings(body, "claims_supported", CLAIMS);
        strings(body, "grant_types_supported", List.of("authorization_code", "implicit", "refresh_token", "client_credentials"));
        strings(body, "code_challenge_methods_supported", List.of("S256"));
        // RFC 9207: hosted-ui-service adds iss to every authorization response
        body.put("authorization_response_iss_parameter_supported", true);
        body.put("request_parameter_supported", false);
        // query for codes, fragment for the implicit flow's tokens (RFC 6749 §4.2.2)
        strings(body, "response_modes_supported", List.of("query", "fragment"));
        return body;
    }

    private static void strings(ObjectNode body, String name, List<String> values) {
        ArrayNode array = body.putArray(name);
        values.forEach(array::add);
    }

    private static Response notFound(Throwable failure) {
        ObjectNode body = JSON.objectNode().put("error", "not_found").put("message", failure.getMessage());
        return Response.status(Response.Status.NOT_FOUND).entity(body).type(MediaType.APPLICATION_JSON).build();
    }
}
