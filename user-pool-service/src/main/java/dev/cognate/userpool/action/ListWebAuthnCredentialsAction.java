package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.WebAuthnCredential;
import dev.cognate.userpool.service.PasskeyRegistration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** ListWebAuthnCredentials: the signed-in user's passkeys, {@code MaxResults} (0–20; 0 or absent: 20) a page. */
@ApplicationScoped
public class ListWebAuthnCredentialsAction implements AwsAction<ListWebAuthnCredentialsAction.Request, ListWebAuthnCredentialsAction.Response> {

    public record Request(String accessToken, String nextToken, Integer maxResults) {
    }

    public record Response(List<WebAuthnCredentialDescription> credentials, String nextToken) {
    }

    /** Cognito's WebAuthnCredentialDescription. */
    public record WebAuthnCredentialDescription(String credentialId, String friendlyCredentialName, String relyingPartyId,
                                                String authenticatorAttachment, List<String> authenticatorTransports, Instant createdAt) {

        static WebAuthnCredentialDescription of(WebAuthnCredential credential) {
            return new WebAuthnCredentialDescription(credential.credentialId(), credential.friendlyName(), credential.relyingPartyId(),
                    credential.authenticatorAttachment(), credential.transports(), credential.createdAt());
        }
    }

    private final PasskeyRegistration passkeys;

    public ListWebAuthnCredentialsAction(PasskeyRegistration passkeys) {
        this.passkeys = passkeys;
    }

    @Override
    public String name() {
        return "ListWebAuthnCredentials";
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.ACCESS_TOKEN;
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation.of().required("accessToken", request.accessToken())
                .range("maxResults", request.maxResults(), 0, WebAuthnCredential.MAX_PER_USER)
                .length("nextToken", request.nextToken(), 1, 131072)
                .throwIfInvalid();
        int pageSize = request.maxResults() == null || request.maxResults() == 0 ? WebAuthnCredential.MAX_PER_USER : request.maxResults();
        return passkeys.list(request.accessToken(), pageSize, request.nextToken())
                .map(page -> new Response(page.credentials().stream().map(WebAuthnCredentialDescription::of).toList(), page.nextToken()));
    }
}
