package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.IdentityService;
import dev.cognate.identitypool.service.PrincipalTagService;
import dev.cognate.identitypool.token.IdentityTokenIssuer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * GetOpenIdToken (unsigned, as in AWS): the identity's OpenID token, for STS AssumeRoleWithWebIdentity (the basic,
 * "classic" flow, which the pool must allow with {@code AllowClassicFlow}). The logins are checked as for
 * GetCredentialsForIdentity; the token carries the principal tags of the login (as credentials would).
 */
@ApplicationScoped
public class GetOpenIdTokenAction implements AwsAction<GetOpenIdTokenAction.Request, GetOpenIdTokenAction.Response> {

    public record Request(String identityId, Map<String, String> logins) {
    }

    public record Response(String identityId, String token) {
    }

    private final IdentityService identities;
    private final PrincipalTagService principalTags;
    private final IdentityTokenIssuer tokens;

    public GetOpenIdTokenAction(IdentityService identities, PrincipalTagService principalTags, IdentityTokenIssuer tokens) {
        this.identities = identities;
        this.principalTags = principalTags;
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return "GetOpenIdToken";
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
        Validation validation = IdentityRequests.identityId(Validation.of(), request.identityId());
        IdentityRequests.logins(validation, request.logins()).throwIfInvalid();
        return identities.authenticate(request.identityId(), request.logins() == null ? Map.of() : request.logins())
                .chain(caller -> {
                    if (!caller.pool().configuration().allowClassicFlow()) {
                        throw CognitoException.invalidParameter("Basic (classic) flow is not enabled, please use enhanced flow.");
                    }
                    // a guest's logins may have merged it into another identity: the token is that identity's
                    String identityId = caller.identity().id();
                    return principalTags.tagsFor(caller.pool(), PrincipalTagService.primary(caller.logins()))
                            .chain(tags -> tokens.issue(caller.pool(), identityId, caller.logins(), tags))
                            .map(token -> new Response(identityId, token));
                });
    }
}
