package dev.cognate.userpool.action;

import dev.cognate.userpool.domain.CodeDeliveryDetails;
import dev.cognate.userpool.service.SignUpService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ResendConfirmationCode (unauthenticated): a new sign-up code for an UNCONFIRMED user; the previous one stops working. */
@ApplicationScoped
public class ResendConfirmationCodeAction extends CodeRequestAction {

    private final SignUpService service;

    public ResendConfirmationCodeAction(SignUpService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ResendConfirmationCode";
    }

    @Override
    protected Uni<CodeDeliveryDetails> send(String clientId, String secretHash, String username, Map<String, String> clientMetadata, String sourceIp) {
        return service.resendConfirmationCode(clientId, secretHash, username, clientMetadata, sourceIp);
    }
}
