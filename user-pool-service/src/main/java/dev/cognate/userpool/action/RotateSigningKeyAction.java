package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.userpool.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.RotateSigningKey} ({@code {"UserPoolId"}}): a new RSA key signs the
 * pool's tokens from now on; the previous public key stays in the JWKS for a day plus clock skew, so tokens it signed
 * keep verifying. Answers the new key's {@code Kid}.
 */
@ApplicationScoped
public class RotateSigningKeyAction implements CognateAdminAction<RotateSigningKeyAction.Request, RotateSigningKeyAction.Response> {

    public record Request(String userPoolId) {
    }

    public record Response(String kid) {
    }

    private final TokenService service;

    public RotateSigningKeyAction(TokenService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "RotateSigningKey";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(dev.cognate.awsprotocol.Validation.of().required("userPoolId", request.userPoolId()),
                request.userPoolId()).throwIfInvalid();
        return service.rotateSigningKey(request.userPoolId()).map(key -> new Response(key.kid()));
    }
}
