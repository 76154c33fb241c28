package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.trigger.TriggerAdministration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;


import java.util.List;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.ListEventSubscriptions} ({@code {"UserPoolId"}}): the pool's event
 * subscriptions, oldest first (at most 25 per pool). Answers {@code {"EventSubscriptions"}}.
 */
@ApplicationScoped
public class ListEventSubscriptionsAction implements CognateAdminAction<ListEventSubscriptionsAction.Request, ListEventSubscriptionsAction.Response> {

    public record Request(String userPoolId) {
    }

    public record Response(List<CreateEventSubscriptionAction.EventSubscription> eventSubscriptions) {
    }

    private final TriggerAdministration administration;

    public ListEventSubscriptionsAction(TriggerAdministration administration) {
        this.administration = administration;
    }

    @Override
    public String name() {
        return "ListEventSubscriptions";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()).throwIfInvalid();
        return administration.subscriptions(request.userPoolId())
                .map(found -> new Response(found.stream().map(CreateEventSubscriptionAction.EventSubscription::of).toList()));
    }
}
