package dev.cognate.triggers.durable;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.internalapi.EventDeliveries;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.invoke.EgressGuard;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The internal API of durable deliveries (internal port only, {@link dev.cognate.triggers.api.InternalPort}), for
 * user-pool-service's CognateAdmin actions: a pool's dead letters, listed and replayed, and its event subscriptions.
 * Bad input is answered 400 with {@link EventDeliveries.Error} and changes nothing; an unknown id is 404.
 */
@Path(InternalRoutes.TRIGGERS)
@Produces(MediaType.APPLICATION_JSON)
public class EventDeliveriesResource {

    static final int MAX_RESULTS = 60;
    static final int MAX_SUBSCRIPTIONS_PER_POOL = 25;
    static final int MAX_ENDPOINT_LENGTH = 2048;

    private final Pool db;
    private final EventDeliveryRepository deliveries;
    private final EventSubscriptionRepository subscriptions;
    private final EgressGuard guard;
    private final Set<String> allowedHosts;
    private final Clock clock;

    public EventDeliveriesResource(Pool db, EventDeliveryRepository deliveries, EventSubscriptionRepository subscriptions,
                                   TriggerRunnerConfig config, Clock clock) {
        this.db = db;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        List<String> allowed = config.triggers().allowedEgressHosts().orElse(List.of());
        this.guard = new EgressGuard(allowed);
        this.allowedHosts = allowed.stream().map(host -> host.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.clock = clock;
    }

    @GET
    @Path(InternalRoutes.DEAD_LETTERS)
    public Uni<Response> deadLetters(@PathParam("poolId") String poolId, @QueryParam("maxResults") Integer maxResults,
                                     @QueryParam("nextToken") String nextToken) {
        int limit = maxResults == null ? MAX_RESULTS : maxResults;
        if (limit < 1 || limit > MAX_RESULTS) {
            return Uni.createFrom().item(refused("MaxResults must be between 1 and " + MAX_RESULTS + "."));
        }
        String after;
        try {
            after = nextToken == null ? "" : new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(refused("Invalid NextToken."));
        }
        return deliveries.deadLetters(db, poolId, after, limit + 1).map(found -> {
            boolean more = found.size() > limit;
            List<EventDeliveries.DeadLetter> page = more ? found.subList(0, limit) : found;
            String token = more ? Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(page.get(page.size() - 1).id().getBytes(StandardCharsets.UTF_8)) : null;
            return Response.ok(new EventDeliveries.DeadLetterPage(List.copyOf(page), token)).build();
        });
    }

    @POST
    @Path(InternalRoutes.DEAD_LETTER_REPLAY)
    public Uni<Response> replay(@PathParam("poolId") String poolId, @PathParam("id") String id) {
        return deliveries.replay(db, poolId, id, clock.instant()).map(replayed -> replayed
                ? Response.noContent().build()
                : Response.status(404).entity(new EventDeliveries.Error("No dead letter " + id + " in pool " + poolId + ".")).build());
    }

    @GET
    @Path(InternalRoutes.EVENT_SUBSCRIPTIONS)
    public Uni<EventDeliveries.Subscriptions> subscriptions(@PathParam("poolId") String poolId) {
        return subscriptions.list(db, poolId).map(EventDeliveries.Subscriptions::new);
    }

    @POST
    @Path(InternalRoutes.EVENT_SUBSCRIPTIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking // the endpoint's host is resolved by the egress guard
    public Response create(@PathParam("poolId") String poolId, EventDeliveries.NewSubscription request) {
        String problem = request == null ? "Endpoint and EventTypes are required." : problemWith(request);
        if (problem != null) {
            return refused(problem);
        }
        List<String> types = List.copyOf(new LinkedHashSet<>(request.eventTypes()));
        return subscriptions.list(db, poolId).chain(existing -> existing.size() >= MAX_SUBSCRIPTIONS_PER_POOL
                        ? Uni.createFrom().item(refused("A user pool has at most " + MAX_SUBSCRIPTIONS_PER_POOL + " event subscriptions."))
                        : subscriptions.create(db, poolId, request.endpoint(), types).map(created -> Response.ok(created).build()))
                .await().indefinitely();
    }

    @DELETE
    @Path(InternalRoutes.EVENT_SUBSCRIPTION)
    public Uni<Response> delete(@PathParam("poolId") String poolId, @PathParam("id") String id) {
        return subscriptions.delete(db, poolId, id).map(deleted -> deleted
                ? Response.noContent().build()
                : Response.status(404).entity(new EventDeliveries.Error("No event subscription " + id + " in pool " + poolId + ".")).build());
    }

    /** What is wrong with a new subscription, or null. */
    private String problemWith(EventDeliveries.NewSubscription request) {
        String endpoint = request.endpoint();
        if (endpoint == null || endpoint.isEmpty() || endpoint.length() > MAX_ENDPOINT_LENGTH) {
            return "Endpoint is required and at most " + MAX_ENDPOINT_LENGTH + " characters.";
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return "Endpoint must be an https URL (http only for the allowed egress hosts).";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http") && allowedHosts.contains(host))) {
            return "Endpoint must be an https URL (http only for the allowed egress hosts).";
        }
        try {
            guard.check(host);
        } catch (EgressGuard.RefusedException e) {
            return "Endpoint refused: " + e.getMessage() + ".";
        }
        List<String> types = request.eventTypes();
        if (types == null || types.isEmpty() || types.size() > 50) {
            return "EventTypes must list 1 to 50 event types (or \"*\").";
        }
        List<String> known = UserPoolEvents.subscribableTypes();
        for (String type : types) {
            if (type == null || !(type.equals(EventSubscriptionRepository.ALL_TYPES) || known.contains(type))) {
                return "Unknown event type " + type + "; use \"*\" or one of " + String.join(", ", known) + ".";
            }
        }
        return null;
    }

    private static Response refused(String message) {
        return Response.status(400).entity(new EventDeliveries.Error(message)).build();
    }
}
