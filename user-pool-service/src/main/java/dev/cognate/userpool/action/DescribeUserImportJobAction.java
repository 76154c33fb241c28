package dev.cognate.userpool.action;

import dev.cognate.userpool.config.ImportConfig;
import dev.cognate.userpool.domain.UserImportJob;
import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DescribeUserImportJob: the job, its status and counters, and its pre-signed upload URL. */
@ApplicationScoped
public class DescribeUserImportJobAction extends UserImportJobAction {

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
    protected Uni<UserImportJob> apply(String userPoolId, String jobId) {
        return service.describeUserImportJob(userPoolId, jobId);
    }

    @Override
    protected ImportConfig importConfig() {
        return config;
    }
}
