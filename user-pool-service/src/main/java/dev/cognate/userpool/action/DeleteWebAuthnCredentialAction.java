package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.PasskeyRegistration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** DeleteWebAuthnCredential: one of the signed-in user's passkeys, by its {@code CredentialId}. */
@ApplicationScoped
public class DeleteWebAuthnCredentialAction implements AwsAction<DeleteWebAuthnCredentialAction.Request, Map<String, Object>> {

    public record Request(String accessToken, String credentialId) {
    }

    private final PasskeyRegistration passkeys;

    public DeleteWebAuthnCredentialAction(PasskeyRegistration passkeys) {
        this.passkeys = passkeys;
    }

    @Override
    public String name() {
        return "DeleteWebAuthnCredential";
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
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation.of().required("accessToken", request.accessToken()).required("credentialId", request.credentialId())
                .length("credentialId", request.credentialId(), 1, 131072).throwIfInvalid();
        return passkeys.delete(request.accessToken(), request.credentialId()).replaceWith(Map.of());
    }
}
