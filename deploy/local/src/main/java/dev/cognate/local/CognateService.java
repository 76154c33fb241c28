package dev.cognate.local;

import dev.cognate.testkit.Ports;

import java.util.List;
import java.util.Map;

/**
 * One of the four Quarkus services: its module (which is also its name), its port and the settings only it needs
 * (user-pool-service also listens on {@link #USER_POOL_INTERNAL_PORT} for hosted-ui-service and identity-pool-service,
 * trigger-runner on {@link #TRIGGER_RUNNER_INTERNAL_PORT} for user-pool-service's synchronous triggers).
 */
record CognateService(String name, String displayName, int port, Map<String, String> ownEnvironment) {

    /** user-pool-service's internal API (hosted-ui-service's calls): its own port, on this machine only. */
    static final int USER_POOL_INTERNAL_PORT = 8091;
    /** trigger-runner's internal invoke API (user-pool-service's trigger calls): its own port, on this machine only. */
    static final int TRIGGER_RUNNER_INTERNAL_PORT = 8094;

    // Identity providers on this machine over plain http (a local OpenID Provider or SAML IdP: README, "Sign in through
    // an OpenID Connect provider") are allowed through the federation egress guard, as trigger webhooks are below.
    static final CognateService USER_POOL = new CognateService("user-pool-service", "User pools (Cognito IdP API)", 8081,
            Map.of("COGNATE_PUBLIC_BASE_URL", "http://localhost:8081",
                    "COGNATE_INTERNAL_API_PORT", Integer.toString(USER_POOL_INTERNAL_PORT),
                    "COGNATE_INTERNAL_API_HOST", Ports.LOOPBACK,
                    "QUARKUS_REST_CLIENT_TRIGGER_RUNNER_URL", "http://localhost:" + TRIGGER_RUNNER_INTERNAL_PORT,
                    "COGNATE_FEDERATION_ALLOW_LOOPBACK_HTTP", "true"));
    static final CognateService HOSTED_UI = new CognateService("hosted-ui-service", "Hosted UI (login pages)", 8082,
            Map.of("QUARKUS_REST_CLIENT_USER_POOL_URL", USER_POOL.baseUrl(),
                    "QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://localhost:" + USER_POOL_INTERNAL_PORT));
    static final CognateService IDENTITY_POOL = new CognateService("identity-pool-service",
            "Identity pools (Cognito Identity API)", 8083,
            // the issuer of the user pools whose ID tokens identity pools accept as logins; the internal API for their
            // ServerSideTokenCheck
            Map.of("COGNATE_LOGINS_USER_POOL_ISSUER_BASE_URL", USER_POOL.baseUrl(),
                    "QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://localhost:" + USER_POOL_INTERNAL_PORT));
    // Trigger webhooks on this machine (loopback) are allowed through the egress guard: the local stack's functions run here.
    static final CognateService TRIGGER_RUNNER = new CognateService("trigger-runner", "Trigger runner", 8084,
            Map.of("COGNATE_INTERNAL_API_PORT", Integer.toString(TRIGGER_RUNNER_INTERNAL_PORT),
                    "COGNATE_INTERNAL_API_HOST", Ports.LOOPBACK,
                    "COGNATE_TRIGGERS_ALLOWED_EGRESS_HOSTS", "localhost,127.0.0.1,::1"));

    static final List<CognateService> ALL = List.of(USER_POOL, HOSTED_UI, IDENTITY_POOL, TRIGGER_RUNNER);

    String baseUrl() {
        return "http://localhost:" + port;
    }

    String readinessUrl() {
        return baseUrl() + "/q/health/ready";
    }
}
