package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.config.ImportConfig;
import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** ListUserImportJobs: a pool's jobs in creation order; {@code MaxResults} 1–60 required, opaque {@code PaginationToken}. */
@ApplicationScoped
public class ListUserImportJobsAction implements AwsAction<ListUserImportJobsAction.Request, ListUserImportJobsAction.Response> {

    public record Request(String userPoolId, Integer maxResults, String paginationToken) {
    }

    public record Response(List<UserImportJobs.Type> userImportJobs, String paginationToken) {
    }

    private final UserImportJobService service;
    private final ImportConfig config;

    public ListUserImportJobsAction(UserImportJobService service, ImportConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "ListUserImportJobs";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .required("maxResults", request.maxResults())
                .range("maxResults", request.maxResults(), 1, 60)
                .length("paginationToken", request.paginationToken(), 1, 131072)
                .throwIfInvalid();
        return service.listUserImportJobs(request.userPoolId(), request.paginationToken(), request.maxResults())
                .map(page -> new Response(page.items().stream().map(job -> UserImportJobs.type(job, config.publicBaseUrl())).toList(),
                        page.nextToken()));
    }
}
