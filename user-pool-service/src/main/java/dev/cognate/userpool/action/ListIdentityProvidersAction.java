package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * ListIdentityProviders: a pool's providers in name order, {@code MaxResults} (1–60; absent means 60) at a time,
 * continued with {@code NextToken}; names and types only, never details.
 */
@ApplicationScoped
public class ListIdentityProvidersAction implements AwsAction<ListIdentityProvidersAction.Request, ListIdentityProvidersAction.Response> {

    static final int MAX_RESULTS = 60;

    public record Request(String userPoolId, Integer maxResults, String nextToken) {
    }

    /** {@code ProviderDescription}. */
    public record ProviderDescription(String providerName, String providerType, Instant lastModifiedDate, Instant creationDate) {

        static ProviderDescription of(IdentityProvider provider) {
            return new ProviderDescription(provider.providerName(), provider.providerType(), provider.lastModifiedDate(), provider.creationDate());
        }
    }

    public record Response(List<ProviderDescription> providers, String nextToken) {
    }

    private final IdentityProviderService service;

    public ListIdentityProvidersAction(IdentityProviderService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListIdentityProviders";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .range("maxResults", request.maxResults(), 1, MAX_RESULTS)
                .length("nextToken", request.nextToken(), 1, 131072)
                .throwIfInvalid();
        int limit = request.maxResults() == null ? MAX_RESULTS : request.maxResults();
        String after = PaginationToken.decode(request.nextToken());
        return service.listIdentityProviders(request.userPoolId(), after, limit)
                .map(fetched -> Page.of(fetched, limit, IdentityProvider::providerName).map(ProviderDescription::of))
                .map(page -> new Response(page.items(), page.nextToken()));
    }
}
