package dev.cognate.hostedui.service;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.client.HostedUiAuthClient;
import dev.cognate.hostedui.client.UserPoolFailures;
import dev.cognate.hostedui.config.HostedUiConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * Calls of user-pool-service's hosted-UI API ({@link HostedUiAuthClient}) with the pages' time limit. A Cognito error
 * passes through as {@link CognitoErrorException} (the page shows it); everything else — no answer in time, a 5xx,
 * an unreadable body — becomes {@link UserPoolUnavailableException} (the 503 page), logged once here.
 */
@ApplicationScoped
public class UserPoolAccounts {

    private static final Logger LOG = Logger.getLogger(UserPoolAccounts.class);

    private final HostedUiAuthClient client;
    private final HostedUiConfig config;

    public UserPoolAccounts(@RestClient HostedUiAuthClient client, HostedUiConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Runs one call, e.g. {@code accounts.call("sign-in", c -> c.signIn(clientId, request))}. */
    public <T> Uni<T> call(String action, Function<HostedUiAuthClient, Uni<T>> call) {
        return call(action, config.userPool().timeout(), call);
    }

    /** A call of the federation routes, which may wait for the upstream provider ({@code federation-timeout}). */
    public <T> Uni<T> callFederation(String action, Function<HostedUiAuthClient, Uni<T>> call) {
        return call(action, config.userPool().federationTimeout(), call);
    }

    private <T> Uni<T> call(String action, java.time.Duration timeout, Function<HostedUiAuthClient, Uni<T>> call) {
        return call.apply(client)
                .ifNoItem().after(timeout)
                .failWith(() -> new UserPoolUnavailableException("no answer within " + timeout, null))
                .onFailure().transform(failure -> {
                    if (failure instanceof CognitoErrorException || failure instanceof UserPoolUnavailableException) {
                        return failure;
                    }
                    String reason = UserPoolFailures.reason(failure);
                    LOG.warnf("user-pool-service failed %s: %s", action, reason);
                    return new UserPoolUnavailableException(reason, failure);
                });
    }
}
