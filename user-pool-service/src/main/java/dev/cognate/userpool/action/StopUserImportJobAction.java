package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.config.ImportConfig;
import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** StopUserImportJob: a running job becomes Stopping, then Stopped after the current batch of rows; a job never started is Stopped at once. */
@ApplicationScoped
public class StopUserImportJobAction implements AwsAction<StopUserImportJobAction.Request, UserImportJobs.Single> {

    public record Request(String userPoolId, String jobId) {
    }

    private final UserImportJobService service;
    private final ImportConfig config;

    public StopUserImportJobAction(UserImportJobService service, ImportConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "StopUserImportJob";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<UserImportJobs.Single> execute(Request request, ActionContext context) {
        UserImportJobs.checkTarget(request.userPoolId(), request.jobId());
        return service.stopUserImportJob(request.userPoolId(), request.jobId())
                .map(job -> UserImportJobs.single(job, config.publicBaseUrl()));
    }
}
