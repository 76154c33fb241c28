package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.federation.saml.SpCredentialStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;

/**
 * GetSigningCertificate: the certificate of the key the pool signs its SAML requests with (AuthnRequests with
 * {@code RequestSigningAlgorithm}, LogoutRequests), {@code Certificate} the base64 of its DER, as a SAML provider's
 * configuration takes it. The pool's SAML credentials are made on first use, so the answer is the same before and
 * after the first sign-in.
 */
@ApplicationScoped
public class GetSigningCertificateAction implements AwsAction<GetSigningCertificateAction.Request, GetSigningCertificateAction.Response> {

    public record Request(String userPoolId) {
    }

    public record Response(String certificate) {
    }

    private final SpCredentialStore credentials;

    public GetSigningCertificateAction(SpCredentialStore credentials) {
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "GetSigningCertificate";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of().required("userPoolId", request.userPoolId()), request.userPoolId()).throwIfInvalid();
        return credentials.of(request.userPoolId()).map(found -> {
            try {
                return new Response(Base64.getEncoder().encodeToString(found.signingCertificate().getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
