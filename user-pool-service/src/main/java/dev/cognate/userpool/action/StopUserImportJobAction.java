package dev.cognate.userpool.action;

import dev.cognate.userpool.config.ImportConfig;
import dev.cognate.userpool.domain.UserImportJob;
import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** StopUserImportJob: a running job becomes Stopping, then Stopped after the current batch of rows; a job never started is Stopped at once. */
@ApplicationScoped
public class StopUserImportJobAction extends UserImportJobAction {

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
    protected Uni<UserImportJob> apply(String userPoolId, String jobId) {
        return service.stopUserImportJob(userPoolId, jobId);
    }

    @Override
    protected ImportConfig importConfig() {
        return config;
    }
}
