package dev.cognate.triggers.api;

import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.internalapi.TriggerInvocationLog;
import dev.cognate.triggers.invoke.WebhookInvoker;
import dev.cognate.triggers.invoke.WebhookSecrets;
import dev.cognate.triggers.service.InvocationLogQueries;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * trigger-runner's internal API, served on its internal port only ({@link InternalPort}): user-pool-service's
 * synchronous trigger calls, a pool's webhook secret and its invocation log for CognateAdmin. Every call is answered 200 with a
 * {@link TriggerInvocation.Result}; how the function failed is in the result, for user-pool-service to map to Cognito's
 * exceptions.
 */
@Path(InternalRoutes.TRIGGERS)
@Produces(MediaType.APPLICATION_JSON)
public class TriggerInvokeResource {

    private final WebhookInvoker invoker;
    private final WebhookSecrets secrets;
    private final InvocationLogQueries invocationLog;

    public TriggerInvokeResource(WebhookInvoker invoker, WebhookSecrets secrets, InvocationLogQueries invocationLog) {
        this.invoker = invoker;
        this.secrets = secrets;
        this.invocationLog = invocationLog;
    }

    @POST
    @Path(InternalRoutes.TRIGGER_INVOKE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public TriggerInvocation.Result invoke(TriggerInvocation.Request request) {
        return invoker.invoke(request);
    }

    @GET
    @Path(InternalRoutes.WEBHOOK_SECRET)
    public Uni<TriggerInvocation.WebhookSecret> secret(@PathParam("poolId") String poolId) {
        return secrets.of(poolId).map(secret -> new TriggerInvocation.WebhookSecret(poolId, secret));
    }

    @POST
    @Path(InternalRoutes.WEBHOOK_SECRET)
    public Uni<TriggerInvocation.WebhookSecret> rotate(@PathParam("poolId") String poolId) {
        return secrets.rotate(poolId).map(secret -> new TriggerInvocation.WebhookSecret(poolId, secret));
    }

    /** The pool's trigger calls, newest first; 400 {@code {"message"}} for a bad parameter or token. */
    @GET
    @Path(InternalRoutes.TRIGGER_INVOCATIONS)
    public Uni<TriggerInvocationLog.Page> invocations(@PathParam("poolId") String poolId, @QueryParam("trigger") String trigger,
                                                      @QueryParam("maxResults") Integer maxResults, @QueryParam("nextToken") String nextToken) {
        return invocationLog.page(poolId, trigger, maxResults, nextToken);
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvocationLogQueries.InvalidQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new TriggerInvocationLog.Error(e.getMessage())).build();
    }
}
