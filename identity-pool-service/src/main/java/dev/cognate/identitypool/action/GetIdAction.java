package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.IdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * GetId (unsigned, as in AWS): the identity of the caller's verified {@code Logins}, created on first use and the same
 * for every later call with a login of the same provider and subject; without logins a new guest identity, if the pool
 * allows guests.
 */
@ApplicationScoped
public class GetIdAction implements AwsAction<GetIdAction.Request, GetIdAction.Response> {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d+");

    public record Request(String accountId, String identityPoolId, Map<String, String> logins) {
    }

    public record Response(String identityId) {
    }

    private final IdentityService identities;

    public GetIdAction(IdentityService identities) {
        this.identities = identities;
    }

    @Override
    public String name() {
        return "GetId";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.NONE;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation validation = IdentityPoolRequests.identityPoolId(Validation.of(), request.identityPoolId())
                .length("accountId", request.accountId(), 1, 15)
                .pattern("accountId", request.accountId(), ACCOUNT_ID);
        IdentityRequests.logins(validation, request.logins()).throwIfInvalid();
        return identities.getId(request.identityPoolId(), request.logins() == null ? Map.of() : request.logins())
                .map(Response::new);
    }
}
