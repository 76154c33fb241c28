package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.config.ImportConfig;
import dev.cognate.userpool.domain.UserImportJob;
import io.smallrye.mutiny.Uni;

/**
 * The shape of the import job actions that name one job and answer it ({@code UserImportJob}):
 * DescribeUserImportJob, StartUserImportJob, StopUserImportJob.
 */
abstract class UserImportJobAction implements AwsAction<UserImportJobAction.Request, UserImportJobs.Single> {

    public record Request(String userPoolId, String jobId) {
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<UserImportJobs.Single> execute(Request request, ActionContext context) {
        UserImportJobs.checkTarget(request.userPoolId(), request.jobId());
        return apply(request.userPoolId(), request.jobId()).map(job -> UserImportJobs.single(job, importConfig().publicBaseUrl()));
    }

    protected abstract Uni<UserImportJob> apply(String userPoolId, String jobId);

    /** Where the job's pre-signed upload URL points. */
    protected abstract ImportConfig importConfig();
}
