package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.PasskeyRegistration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** StartWebAuthnRegistration: the signed-in user's PublicKeyCredentialCreationOptions for a new passkey. */
@ApplicationScoped
public class StartWebAuthnRegistrationAction
        implements AwsAction<StartWebAuthnRegistrationAction.Request, StartWebAuthnRegistrationAction.Response> {

    public record Request(String accessToken) {
    }

    public record Response(ObjectNode credentialCreationOptions) {
    }

    private final PasskeyRegistration passkeys;

    public StartWebAuthnRegistrationAction(PasskeyRegistration passkeys) {
        this.passkeys = passkeys;
    }

    @Override
    public String name() {
        return "StartWebAuthnRegistration";
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
        Validation.of().required("accessToken", request.accessToken()).throwIfInvalid();
        return passkeys.start(request.accessToken()).map(Response::new);
    }
}
