package dev.cognate.userpool.trigger;

import dev.cognate.internalapi.EventDeliveries;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.internalapi.TriggerInvocationLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * trigger-runner's internal API, on its internal port, base URL {@code quarkus.rest-client.trigger-runner.url}
 * (8094): the synchronous trigger calls, the pools' webhook secrets, their invocation log, dead letters and event
 * subscriptions. Contract: libs/internal-api.
 */
@RegisterRestClient(configKey = "trigger-runner")
@Path(InternalRoutes.TRIGGERS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TriggerRunnerClient {

    @POST
    @Path(InternalRoutes.TRIGGER_INVOKE)
    Uni<TriggerInvocation.Result> invoke(TriggerInvocation.Request request);

    @GET
    @Path(InternalRoutes.WEBHOOK_SECRET)
    Uni<TriggerInvocation.WebhookSecret> webhookSecret(@PathParam("poolId") String poolId);

    @POST
    @Path(InternalRoutes.WEBHOOK_SECRET)
    Uni<TriggerInvocation.WebhookSecret> rotateWebhookSecret(@PathParam("poolId") String poolId);

    @GET
    @Path(InternalRoutes.TRIGGER_INVOCATIONS)
    Uni<TriggerInvocationLog.Page> invocations(@PathParam("poolId") String poolId, @QueryParam("trigger") String trigger,
                                               @QueryParam("maxResults") Integer maxResults, @QueryParam("nextToken") String nextToken);

    @GET
    @Path(InternalRoutes.DEAD_LETTERS)
    Uni<EventDeliveries.DeadLetterPage> deadLetters(@PathParam("poolId") String poolId, @QueryParam("maxResults") Integer maxResults,
                                                    @QueryParam("nextToken") String nextToken);

    @POST
    @Path(InternalRoutes.DEAD_LETTER_REPLAY)
    Uni<Void> replayDeadLetter(@PathParam("poolId") String poolId, @PathParam("id") String id);

    @GET
    @Path(InternalRoutes.EVENT_SUBSCRIPTIONS)
    Uni<EventDeliveries.Subscriptions> eventSubscriptions(@PathParam("poolId") String poolId);

    @POST
    @Path(InternalRoutes.EVENT_SUBSCRIPTIONS)
    Uni<EventDeliveries.Subscription> createEventSubscription(@PathParam("poolId") String poolId, EventDeliveries.NewSubscription request);

    @DELETE
    @Path(InternalRoutes.EVENT_SUBSCRIPTION)
    Uni<Void> deleteEventSubscription(@PathParam("poolId") String poolId, @PathParam("id") String id);
}
