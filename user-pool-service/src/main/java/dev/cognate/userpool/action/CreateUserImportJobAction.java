package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.config.ImportConfig;
import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** CreateUserImportJob: a job in status Created with a pre-signed URL on this service (cognate.import.public-base-url) that takes the CSV by HTTP PUT. The CloudWatch Logs role ARN is checked and stored, never assumed: row errors go to the service log. */
@ApplicationScoped
public class CreateUserImportJobAction implements AwsAction<CreateUserImportJobAction.Request, UserImportJobs.Single> {

    public record Request(String jobName, String userPoolId, String cloudWatchLogsRoleArn) {
    }

    private final UserImportJobService service;
    private final ImportConfig config;

    public CreateUserImportJobAction(UserImportJobService service, ImportConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "CreateUserImportJob";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<UserImportJobs.Single> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .required("jobName", request.jobName()).length("jobName", request.jobName(), 1, 128)
                .pattern("jobName", request.jobName(), UserImportJobs.JOB_NAME)
                .required("cloudWatchLogsRoleArn", request.cloudWatchLogsRoleArn())
                .length("cloudWatchLogsRoleArn", request.cloudWatchLogsRoleArn(), 20, 2048)
                .pattern("cloudWatchLogsRoleArn", request.cloudWatchLogsRoleArn(), UserImportJobs.ROLE_ARN)
                .throwIfInvalid();
        return service.createUserImportJob(request.userPoolId(), request.jobName(), request.cloudWatchLogsRoleArn())
                .map(job -> UserImportJobs.single(job, config.publicBaseUrl()));
    }
}
