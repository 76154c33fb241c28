package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.identitypool.service.DeveloperIdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * LookupDeveloperIdentity (signed): the identity of a developer user identifier, or the developer user identifiers
 * of an identity, {@code MaxResults} (1–60) at a time.
 */
@ApplicationScoped
public class LookupDeveloperIdentityAction implements AwsAction<LookupDeveloperIdentityAction.Request, LookupDeveloperIdentityAction.Response> {

    public record Request(String identityPoolId, String identityId, String developerUserIdentifier, Integer maxResults, String nextToken) {
    }

    public record Response(String identityId, List<String> developerUserIdentifierList, String nextToken) {
    }

    private final DeveloperIdentityService developerIdentities;

    public LookupDeveloperIdentityAction(DeveloperIdentityService developerIdentities) {
        this.developerIdentities = developerIdentities;
    }

    @Override
    public String name() {
        return "LookupDeveloperIdentity";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<LookupDeveloperIdentityAction.Response> execute(Request request, ActionContext context) {
        Validation validation = IdentityPoolRequests.identityPoolId(Validation.of(), request.identityPoolId())
                .range("maxResults", request.maxResults(), 1, 60)
                .length("nextToken", request.nextToken(), 1, 65535)
                .pattern("nextToken", request.nextToken(), IdentityPoolRequests.PAGINATION_KEY);
        if (request.identityId() != null) {
            IdentityRequests.identityId(validation, request.identityId());
        }
        DeveloperIdentityRequests.developerUserIdentifier(validation, "developerUserIdentifier", request.developerUserIdentifier()).throwIfInvalid();
        if (request.identityId() == null && request.developerUserIdentifier() == null) {
            throw CognitoException.invalidParameter("Either IdentityId or DeveloperUserIdentifier must be given.");
        }
        int limit = request.maxResults() == null ? 60 : request.maxResults();
        String after = PaginationToken.decode(request.nextToken());
        return developerIdentities.lookup(request.identityPoolId(), request.identityId(), request.developerUserIdentifier(), after, limit)
                .map(found -> {
                    Page<String> page = Page.of(found.developerUserIdentifiers(), limit, id -> id);
                    return new Response(found.identityId(), page.items(), page.nextToken());
                });
    }
}
