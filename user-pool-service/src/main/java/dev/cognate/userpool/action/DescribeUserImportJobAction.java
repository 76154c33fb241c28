package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.config.ImportConfig;
import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DescribeUserImportJob: the job, its status and counters, and its pre-signed upload URL. */
@ApplicationScoped
public class DescribeUserImportJobAction implements AwsAction<DescribeUserImportJobAction.Request, UserImportJobs.Single> {

    public record Request(String userPoolId, String jobId) {
    }

    private final UserImportJobService service;
    private final ImportConfig config;

    public DescribeUserImportJobAction(UserImportJobService service, ImportConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "DescribeUserImportJob";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<UserImportJobs.Single> execute(Request request, ActionContext context) {
        UserImportJobs.checkTarget(request.userPoolId(), request.jobId());
        return service.describeUserImportJob(request.userPoolId(), request.jobId())
                .map(job -> UserImportJobs.single(job, config.publicBaseUrl()));
    }
}
