package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Moving users into pools, prefix {@code cognate.import}: Cognito's CSV user import jobs and Cognate's
 * {@code CognateAdmin.ImportUserPool}.
 */
@ConfigMapping(prefix = "cognate.import")
public interface ImportConfig {

    /**
     * The public base URL of this service, without a trailing slash: the {@code PreSignedUrl} of a CSV import job
     * is {@code {base}/import-jobs/{jobId}/{token}}. Behind an ingress, its public host.
     */
    @WithDefault("http://localhost:8081")
    String publicBaseUrl();

    /**
     * The largest body accepted by {@code CognateAdmin.*} actions (a whole pool file given to ImportUserPool) and by
     * the CSV upload of an import job, in bytes. The Cognito actions keep their 1 MiB limit.
     */
    @WithDefault("104857600")
    long maxUploadBytes();
}
