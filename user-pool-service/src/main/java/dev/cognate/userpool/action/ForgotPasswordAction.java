package dev.cognate.userpool.action;

import dev.cognate.userpool.domain.CodeDeliveryDetails;
import dev.cognate.userpool.service.PasswordRecoveryService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ForgotPassword (unauthenticated): a password reset code to the verified email or phone number the pool's recovery setting picks. */
@ApplicationScoped
public class ForgotPasswordAction extends CodeRequestAction {

    private final PasswordRecoveryService service;

    public ForgotPasswordAction(PasswordRecoveryService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ForgotPassword";
    }

    @Override
    protected Uni<CodeDeliveryDetails> send(String clientId, String secretHash, String username, Map<String, String> clientMetadata,
                                             String sourceIp) {
        return service.forgotPassword(clientId, secretHash, username, clientMetadata);
    }
}
