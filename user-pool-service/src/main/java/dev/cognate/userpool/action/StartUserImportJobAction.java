package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.config.ImportConfig;
import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** StartUserImportJob: a Created job whose CSV was uploaded becomes Pending; the import runs in the background (InProgress, then Succeeded or Failed). */
@ApplicationScoped
public class StartUserImportJobAction implements AwsAction<StartUserImportJobAction.Request, UserImportJobs.Single> {

    public record Request(String userPoolId, String jobId) {
    }

    private final UserImportJobService service;
    private final ImportConfig config;

    public StartUserImportJobAction(UserImportJobService service, ImportConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "StartUserImportJob";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<UserImportJobs.Single> execute(Request request, ActionContext context) {
        UserImportJobs.checkTarget(request.userPoolId(), request.jobId());
        return service.startUserImportJob(request.userPoolId(), request.jobId())
                .map(job -> UserImportJobs.single(job, config.publicBaseUrl()));
    }
}
