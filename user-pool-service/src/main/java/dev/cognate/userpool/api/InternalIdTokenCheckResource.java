package dev.cognate.userpool.api;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.IdTokenCheck;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.service.IdTokenCheckService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /internal/v1/user-pools/{poolId}/id-token-check}: identity-pool-service's {@code ServerSideTokenCheck}
 * ({@link IdTokenCheck}), on the internal port only. Always 200 with the user's status for a well-formed request (an
 * unknown pool or user is {@code USER_NOT_FOUND}); a body without {@code sub} is an {@code InvalidParameterException}.
 */
@Path(InternalRoutes.V1)
public class InternalIdTokenCheckResource {

    private final IdTokenCheckService checks;

    public InternalIdTokenCheckResource(IdTokenCheckService checks) {
        this.checks = checks;
    }

    @POST
    @Path(InternalRoutes.ID_TOKEN_CHECK)
    public Uni<Response> check(@PathParam("poolId") String poolId, String body) {
        return InternalJson.answer(() -> {
            IdTokenCheck.Request request = InternalJson.read(body, IdTokenCheck.Request.class);
            if (request.sub() == null || request.sub().isEmpty()) {
                throw CognitoException.invalidParameter("sub is required.");
            }
            return checks.check(poolId, request);
        });
    }
}
