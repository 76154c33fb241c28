package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.PasskeyRegistration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** CompleteWebAuthnRegistration: the browser's RegistrationResponseJSON ({@code Credential}) for the pending challenge. */
@ApplicationScoped
public class CompleteWebAuthnRegistrationAction implements AwsAction<CompleteWebAuthnRegistrationAction.Request, Map<String, Object>> {

    public record Request(String accessToken, JsonNode credential) {
    }

    private final PasskeyRegistration passkeys;

    public CompleteWebAuthnRegistrationAction(PasskeyRegistration passkeys) {
        this.passkeys = passkeys;
    }

    @Override
    public String name() {
        return "CompleteWebAuthnRegistration";
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
        Validation.of().required("accessToken", request.accessToken())
                .required("credential", request.credential() == null || request.credential().isNull() ? null : request.credential())
                .throwIfInvalid();
        return passkeys.complete(request.accessToken(), request.credential()).replaceWith(Map.of());
    }
}
