package dev.cognate.userpool.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sign-in and token counters operators watch (exported at {@code /q/metrics}):
 * <ul>
 *   <li>{@code cognate_sign_ins_total{flow,outcome}}: every sign-in decided by a password or a challenge, by the
 *   {@code AuthFlow} that started it ({@code USER_PASSWORD_AUTH}, {@code USER_SRP_AUTH}, the hosted login, ...) and its
 *   outcome — {@code success} or the audit reason of the refusal ({@code wrong_password}, {@code locked},
 *   {@code unknown_user}, {@code not_confirmed}, {@code disabled}, ...);</li>
 *   <li>{@code cognate_tokens_issued_total{grant}}: token sets minted, by Cognito {@code AuthFlow} for the JSON API
 *   ({@code REFRESH_TOKEN} is the OAuth {@code refresh_token} grant, which shares the API's refresh) or by OAuth grant
 *   ({@code authorization_code}, {@code client_credentials}, {@code implicit}).</li>
 * </ul>
 * No pool or client label: their number is unbounded, and a time series per pool would grow the scrape with the
 * tenants. Every label value comes from a fixed vocabulary the service has already validated (the flow is checked
 * against Cognito's enum before any handler runs), so the number of series stays small.
 */
@ApplicationScoped
public class AuthMetrics {

    public static final String SUCCESS = "success";

    private final MeterRegistry registry;

    public AuthMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void signIn(String flow, String outcome) {
        Counter.builder("cognate.sign.ins")
                .description("Sign-ins by authentication flow and outcome (success or the audit reason of the refusal)")
                .tag("flow", flow == null ? "unknown" : flow)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void tokensIssued(String grant) {
        Counter.builder("cognate.tokens.issued")
                .description("Token sets minted, by Cognito AuthFlow or OAuth grant type")
                .tag("grant", grant == null ? "unknown" : grant)
                .register(registry)
                .increment();
    }
}
