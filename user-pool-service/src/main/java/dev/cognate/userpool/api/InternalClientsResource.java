package dev.cognate.userpool.api;

import dev.cognate.internalapi.AppClientConfig;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.ClientSettings;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.SignInPolicy;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.service.AppClientService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The internal API hosted-ui-service reads app clients with ({@code hostedui.client.AppClientConfig}):
 * {@code GET /internal/v1/clients/{clientId}}, 404 when unknown. No SigV4: it is for the cluster
 * network only, so deployments must not expose {@code /internal} publicly. Never carries a secret. The hosted login's
 * actions are {@link InternalHostedUiResource}.
 */
@Path(InternalRoutes.V1)
public class InternalClientsResource {

    /**
     * What the hosted UI needs of a client to validate an authorization request and draw its pages: the client's OAuth
     * settings, whether it has a secret (never the secret), whether it hides which users exist, and of its pool the name,
     * {@code UsernameAttributes}, {@code AutoVerifiedAttributes}, the required schema attributes (without {@code sub}), its AllowedFirstAuthFactors,
     * and the identity providers the client supports (name, type, identifiers; never their details).
     */
    static AppClientConfig config(AppClientService.ClientOfPool found) {
        AppClient client = found.client();
        UserPool pool = found.pool();
        ClientSettings settings = client.config();
        List<String> required = PoolSchema.of(pool.settings()).required().stream().map(AttributeDefinition::name)
                .filter(name -> !"sub".equals(name)).toList();
        return new AppClientConfig(client.clientId(), client.userPoolId(), client.clientName(), settings.callbackUrls(),
                settings.logoutUrls(), settings.allowedOAuthFlows(), settings.allowedOAuthScopes(),
                settings.supportedIdentityProviders(), settings.oauthEnabled(),
                found.hasSecret(), settings.preventsUserExistenceErrors(), pool.name(),
                SignInIdentifiers.of(pool.settings()).usernameAttributes(), pool.config().autoVerifiedAttributes(), required,
                // a LITE pool has no choice-based sign-in, so the hosted login offers it none of the password-less factors
                "LITE".equals(pool.config().tier()) ? List.of() : SignInPolicy.of(pool.settings()).allowedFirstAuthFactors(),
                found.identityProviders().stream().map(provider -> new AppClientConfig.IdentityProviderSummary(
                        provider.providerName(), provider.providerType(), provider.idpIdentifiers())).toList());
    }

    private final AppClientService clients;

    public InternalClientsResource(AppClientService clients) {
        this.clients = clients;
    }

    @GET
    @Path(InternalRoutes.CLIENT)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> client(@PathParam("clientId") String clientId) {
        return clients.findClientOfPool(clientId).map(found -> found
                .map(client -> Response.ok(config(client)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(new NotFound("client " + clientId + " does not exist")).type(MediaType.APPLICATION_JSON).build()));
    }

    record NotFound(String message) {
    }
}
