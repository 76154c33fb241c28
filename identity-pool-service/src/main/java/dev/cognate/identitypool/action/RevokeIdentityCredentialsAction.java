package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.CredentialRevocationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * {@code CognateAdmin.RevokeIdentityCredentials}, beyond Cognito (operator, SigV4): {@code {"IdentityId"}} →
 * {@code {"IdentityId", "RevokedBefore"}}. Every credential Cognate's STS vended to the identity until now is refused
 * from now on ({@code InvalidClientTokenId}); GetCredentialsForIdentity vends working ones again.
 */
@ApplicationScoped
public class RevokeIdentityCredentialsAction implements AwsAction<RevokeIdentityCredentialsAction.Request, RevokeIdentityCredentialsAction.Response> {

    public record Request(String identityId) {
    }

    public record Response(String identityId, Instant revokedBefore) {
    }

    private final CredentialRevocationService revocations;

    public RevokeIdentityCredentialsAction(CredentialRevocationService revocations) {
        this.revocations = revocations;
    }

    @Override
    public String name() {
        return "RevokeIdentityCredentials";
    }

    @Override
    public String targetPrefix() {
        return "CognateAdmin";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        IdentityRequests.identityId(Validation.of(), request.identityId()).throwIfInvalid();
        return revocations.revoke(request.identityId()).map(before -> new Response(request.identityId(), before));
    }
}
