package dev.cognate.identitypool.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The identity token issuer's discovery: {@code /.well-known/openid-configuration} and the JWKS at
 * {@code /.well-known/jwks_uri} (Cognito's path) and {@code /.well-known/jwks.json}, so a relying party (an STS, a
 * backend) verifies identity tokens as it verifies any OpenID provider's.
 */
@ApplicationScoped
public class IdentityTokenDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityTokenIssuer issuer;
    private final IdentityTokenKeys keys;

    public IdentityTokenDiscovery(IdentityTokenIssuer issuer, IdentityTokenKeys keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    void mount(@Observes Router router) {
        router.route(HttpMethod.GET, "/.well-known/openid-configuration").handler(this::configuration);
        router.route(HttpMethod.GET, "/.well-known/jwks_uri").handler(this::jwks);
        router.route(HttpMethod.GET, "/.well-known/jwks.json").handler(this::jwks);
    }

    private void configuration(RoutingContext context) {
        ObjectNode document = JSON.createObjectNode().put("issuer", issuer.issuer())
                .put("jwks_uri", issuer.issuer() + "/.well-known/jwks_uri");
        document.putArray("response_types_supported").add("id_token");
        document.putArray("subject_types_supported").add("public");
        document.putArray("id_token_signing_alg_values_supported").add(IdentityTokenKeys.ALGORITHM.name());
        context.response().putHeader("Content-Type", "application/json").end(document.toString());
    }

    private void jwks(RoutingContext context) {
        keys.jwks().subscribe().with(list -> {
            ObjectNode jwks = JSON.createObjectNode();
            jwks.putArray("keys").addAll(list);
            context.response().putHeader("Content-Type", "application/json").end(jwks.toString());
        }, context::fail);
    }
}
