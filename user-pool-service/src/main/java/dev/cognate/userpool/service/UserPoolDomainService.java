package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.config.HostedUiConfig;
import dev.cognate.userpool.domain.UserPoolDomain;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.oidc.DiscoveryDocuments;
import dev.cognate.userpool.repository.UserPoolDomainRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Domains of the hosted login. A name belongs to one pool at most, and a pool has at most one prefix and one
 * custom domain; creating locks the pool's row so two calls cannot both pass those checks. Each change commits
 * with its event (outbox).
 */
@ApplicationScoped
public class UserPoolDomainService {

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserPoolDomainRepository domains;
    private final HostedUiConfig hostedUi;
    private final String region;
    private final Clock clock;
    private final DiscoveryDocuments discovery;

    public UserPoolDomainService(Pool db, UserPoolRepository pools, UserPoolDomainRepository domains,
                                 HostedUiConfig hostedUi, CognateConfig config, Clock clock, DiscoveryDocuments discovery) {
        this.db = db;
        this.pools = pools;
        this.domains = domains;
        this.hostedUi = hostedUi;
        this.region = config.region();
        this.clock = clock;
        this.discovery = discovery;
    }

    /** A malformed {@code cognate.hosted-ui.prefix-domain-template} fails startup rather than a later DescribeUserPoolDomain. */
    void checkAtStartup(@Observes StartupEvent event) {
        prefixDomainHost("example");
    }

    public Uni<UserPoolDomain> createUserPoolDomain(String userPoolId, String domain, String certificateArn, int managedLoginVersion) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        UserPoolDomain created = new UserPoolDomain(domain, userPoolId, certificateArn, managedLoginVersion, now, now);
        return db.withTransaction(tx -> pools.requireForUpdate(tx, userPoolId)
                .chain(pool -> domains.find(tx, domain))
                .invoke(existing -> existing.filter(found -> !found.userPoolId().equals(userPoolId)).ifPresent(found -> {
                    throw takenByAnotherPool();
                }))
                .chain(() -> domains.ofPool(tx, userPoolId))
                .invoke(own -> {
                    if (own.stream().anyMatch(found -> found.custom() == created.custom())) {
                        throw CognitoException.invalidParameter("User pool already has a domain configured.");
                    }
                })
                .chain(() -> domains.insert(tx, created))
                .invoke(inserted -> {
                    if (!inserted) {
                        throw takenByAnotherPool();
                    }
                })
                .chain(() -> publish(tx, UserPoolEvents.DOMAIN_CREATED, created))
                .replaceWith(created))
                .invoke(() -> discovery.invalidate(userPoolId));
    }

    /** The domain whichever pool owns it; empty when no pool does (DescribeUserPoolDomain then answers an empty description). */
    public Uni<Optional<UserPoolDomain>> describeUserPoolDomain(String domain) {
        return domains.find(db, domain);
    }

    /** Replaces the certificate (custom domains only) and the managed login version, each when given. */
    public Uni<UserPoolDomain> updateUserPoolDomain(String userPoolId, String domain, String certificateArn, Integer managedLoginVersion) {
        return db.withTransaction(tx -> pools.require(tx, userPoolId)
                .chain(pool -> domains.find(tx, domain))
                .map(found -> found.filter(existing -> existing.userPoolId().equals(userPoolId)).orElseThrow(UserPoolDomainService::noSuchDomain))
                .invoke(existing -> {
                    if (certificateArn != null && !existing.custom()) {
                        throw CognitoException.invalidParameter("CustomDomainConfig can only be set for a custom domain.");
                    }
                })
                .map(existing -> existing.updatedWith(certificateArn, managedLoginVersion, clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .call(updated -> domains.update(tx, updated))
                .call(updated -> publish(tx, UserPoolEvents.DOMAIN_UPDATED, updated)))
                .invoke(() -> discovery.invalidate(userPoolId));
    }

    public Uni<Void> deleteUserPoolDomain(String userPoolId, String domain) {
        return db.withTransaction(tx -> pools.require(tx, userPoolId)
                .chain(pool -> domains.delete(tx, userPoolId, domain))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw noSuchDomain();
                    }
                })
                .chain(() -> UserPoolEventOutbox.publish(tx, userPoolId, UserPoolEvents.DOMAIN_DELETED,
                        new UserPoolEvents.DomainChanged(userPoolId, domain))))
                .invoke(() -> discovery.invalidate(userPoolId));
    }

    /** The pool's domains, for DescribeUserPool's {@code Domain} and {@code CustomDomain}. */
    public Uni<List<UserPoolDomain>> domainsOf(String userPoolId) {
        return domains.ofPool(db, userPoolId);
    }

    /**
     * The host that serves a domain's hosted login (Cognito's CloudFront distribution): for a custom domain the
     * configured ingress target, for a prefix domain the host of the configured template.
     */
    public String cloudFrontHost(UserPoolDomain domain) {
        return domain.custom() ? hostedUi.customDomainTarget() : prefixDomainHost(domain.domain());
    }

    private String prefixDomainHost(String prefix) {
        String template = hostedUi.prefixDomainTemplate();
        if (!template.contains("{domain}")) {
            throw new IllegalStateException("cognate.hosted-ui.prefix-domain-template must contain {domain}: " + template);
        }
        String host;
        try {
            host = URI.create(template.replace("{domain}", prefix).replace("{region}", region)).getHost();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cognate.hosted-ui.prefix-domain-template is not a URL: " + template, e);
        }
        if (host == null) {
            throw new IllegalStateException("cognate.hosted-ui.prefix-domain-template has no host: " + template);
        }
        return host;
    }

    private static CognitoException takenByAnotherPool() {
        return CognitoException.invalidParameter("Domain already associated with another user pool.");
    }

    static CognitoException noSuchDomain() {
        return CognitoException.invalidParameter("No such domain or user pool exists.");
    }

    private static Uni<Void> publish(SqlClient tx, EventType<UserPoolEvents.DomainChanged> type, UserPoolDomain domain) {
        return UserPoolEventOutbox.publish(tx, domain.userPoolId(), type, new UserPoolEvents.DomainChanged(domain.userPoolId(), domain.domain()));
    }
}
