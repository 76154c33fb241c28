package dev.cognate.userpool.action;

import dev.cognate.userpool.config.ImportConfig;
import dev.cognate.userpool.domain.UserImportJob;
import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** StartUserImportJob: a Created job whose CSV was uploaded becomes Pending; the import runs in the background (InProgress, then Succeeded or Failed). */
@ApplicationScoped
public class StartUserImportJobAction extends UserImportJobAction {

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
    protected Uni<UserImportJob> apply(String userPoolId, String jobId) {
        return service.startUserImportJob(userPoolId, jobId);
    }

    @Override
    protected ImportConfig importConfig() {
        return config;
    }
}
