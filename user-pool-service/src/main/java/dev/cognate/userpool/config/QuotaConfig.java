package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-pool and per-user quotas, prefix {@code cognate.quotas}; the defaults are Cognito's. */
@ConfigMapping(prefix = "cognate.quotas")
public interface QuotaConfig {

    /** Groups in one user pool (Cognito: 10,000); CreateGroup beyond it answers LimitExceededException. */
    @WithDefault("10000")
    int groupsPerPool();

    /** Groups one user can be in (Cognito: 100); AdminAddUserToGroup beyond it answers LimitExceededException. */
    @WithDefault("100")
    int groupsPerUser();
}
