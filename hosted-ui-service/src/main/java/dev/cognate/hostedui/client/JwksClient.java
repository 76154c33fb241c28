package dev.cognate.hostedui.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A pool's public signing keys, from user-pool-service ({@code /<poolId>/.well-known/jwks.json}, RFC 7517). */
@RegisterRestClient(configKey = "user-pool")
public interface JwksClient {

    @GET
    @Path("/{poolId}/.well-known/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> jwks(@PathParam("poolId") String poolId);
}
