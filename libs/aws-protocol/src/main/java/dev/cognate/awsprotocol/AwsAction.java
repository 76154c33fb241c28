package dev.cognate.awsprotocol;

import io.smallrye.mutiny.Uni;

/**
 * One action of an AWS JSON API, chosen by {@code X-Amz-Target: <prefix>.<name>}. Implementations
 * are named for the action ({@code CreateUserPoolAction}) and read top to bottom: validate the
 * request, call a service, map the result. Throw or fail with {@link CognitoException} for every
 * error the caller should see.
 *
 * @param <I> the request record, bound from the JSON body with {@link AwsJson#MAPPER}
 * @param <O> the response record
 */
public interface AwsAction<I, O> {

    /** The action name as in the API reference, e.g. {@code CreateUserPool}. */
    String name();

    /**
     * The {@code X-Amz-Target} prefix when it is not the service's own: a Cognate extension such as
     * {@code CognateAdmin} ({@code X-Amz-Target: CognateAdmin.ExportUserPool}), served on the same
     * endpoint with the same authorization. {@code null} (the default): the service's prefix.
     */
    default String targetPrefix() {
        return null;
    }

    /** The request record type. */
    Class<I> requestType();

    default ActionAuthorization authorization() {
        return ActionAuthorization.SIGV4;
    }

    Uni<O> execute(I request, ActionContext context);
}
