package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.UserFilter;
import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * ListUsers: up to {@code Limit} (≤ 60, default 60) users per page with an opaque
 * {@code PaginationToken}; unfiltered in username order, filtered ({@code attr = "v"},
 * {@code attr ^= "v"}) in value order from an index, so a page costs the same in a pool of any size.
 */
@ApplicationScoped
public class ListUsersAction implements AwsAction<ListUsersAction.Request, ListUsersAction.Response> {

    static final int MAX_LIMIT = 60;

    public record Request(String userPoolId, List<String> attributesToGet, Integer limit, String paginationToken, String filter) {
    }

    public record Response(List<UserRequests.UserType> users, String paginationToken) {
    }

    private final UserService service;

    public ListUsersAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListUsers";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation validation = UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .range("limit", request.limit(), 0, MAX_LIMIT)
                .length("filter", request.filter(), 0, 256)
                .length("paginationToken", request.paginationToken(), 1, 131072);
        if (request.attributesToGet() != null) {
            request.attributesToGet().forEach(name -> validation.length("attributesToGet.member", name, 1, 32)
                    .pattern("attributesToGet.member", name, UserRequests.ATTRIBUTE_NAME));
        }
        validation.throwIfInvalid();
        UserFilter filter = UserFilter.parse(request.filter());
        int limit = request.limit() == null || request.limit() == 0 ? MAX_LIMIT : request.limit();
        return service.listUsers(request.userPoolId(), filter, request.paginationToken(), limit)
                .map(page -> new Response(page.items().stream().map(user -> UserRequests.UserType.of(user, request.attributesToGet())).toList(),
                        page.nextToken()));
    }
}
