package dev.cognate.userpool.oidc;

import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.config.HostedUiConfig;
import dev.cognate.userpool.domain.UserPoolDomain;
import dev.cognate.userpool.repository.UserPoolDomainRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where hosted-ui-service serves a pool's pages: a custom domain's {@code https://<domain>}, a prefix domain through
 * {@code cognate.hosted-ui.prefix-domain-template}, and for a pool without a domain {@code cognate.hosted-ui.base-url}.
 */
@ApplicationScoped
public class HostedLoginUrls {

    private final Pool db;
    private final UserPoolDomainRepository domains;
    private final HostedUiConfig hostedUi;
    private final CognateConfig config;

    public HostedLoginUrls(Pool db, UserPoolDomainRepository domains, HostedUiConfig hostedUi, CognateConfig config) {
        this.db = db;
        this.domains = domains;
        this.hostedUi = hostedUi;
        this.config = config;
    }

    /** The hosted login base URL of a domain, without a trailing slash. */
    public String hostedLoginBase(UserPoolDomain domain) {
        return domain.custom() ? "https://" + domain.domain()
                : hostedUi.prefixDomainTemplate().replace("{domain}", domain.domain()).replace("{region}", config.region());
    }

    /** The pool's hosted login base (its first domain, the prefix domain before a custom one), else hosted-ui's own base URL. */
    public Uni<String> pageBase(String userPoolId) {
        return domains.ofPool(db, userPoolId).map(found -> found.stream().findFirst().map(this::hostedLoginBase)
                .orElseGet(() -> stripSlash(hostedUi.baseUrl())));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
