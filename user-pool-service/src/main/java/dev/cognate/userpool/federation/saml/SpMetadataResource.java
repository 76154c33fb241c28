package dev.cognate.userpool.federation.saml;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.oidc.HostedLoginUrls;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Beyond Cognito's API, on the public port: {@code GET /{poolId}/saml2/metadata}, the pool's SAML 2.0 service provider
 * metadata — entity id {@code urn:amazon:cognito:sp:{poolId}}, the ACS {@code /saml2/idpresponse} (HTTP-POST) and the
 * SLO endpoint {@code /saml2/logout} (HTTP-Redirect) on the pool's login domain, the signing certificate
 * ({@code GetSigningCertificate}'s) and the encryption certificate that providers with {@code EncryptedResponses}
 * encrypt assertions to. Cognito hands out the same values through its console and {@code GetSigningCertificate}; one
 * document is what most IdPs import. Unknown pool: 404.
 */
@Path("/{poolId}/saml2")
public class SpMetadataResource {

    static final String MEDIA_TYPE = "application/samlmetadata+xml";

    private final SpCredentialStore credentials;
    private final HostedLoginUrls urls;

    public SpMetadataResource(SpCredentialStore credentials, HostedLoginUrls urls) {
        this.credentials = credentials;
        this.urls = urls;
    }

    @GET
    @Path("/metadata")
    public Uni<Response> metadata(@PathParam("poolId") String poolId) {
        return credentials.of(poolId)
                .chain(sp -> urls.pageBase(poolId).map(base -> Response.ok(document(poolId, base, sp), MEDIA_TYPE)
                        .header("Cache-Control", "max-age=300").build()))
                .onFailure(CognitoException.class).recoverWithItem(failure ->
                        Response.status(404).type("application/json").entity("{\"__type\":\"ResourceNotFoundException\",\"message\":\"User pool "
                                + (poolId.matches("[\\w-]+_[0-9a-zA-Z]+") ? poolId : "") + " does not exist.\"}").build());
    }

    static String document(String poolId, String hostedUiBaseUrl, SpCredentials sp) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
                + " entityID=\"" + SamlSettings.spEntityId(poolId) + "\">"
                + "<md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\""
                + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + keyDescriptor("signing", sp.signingCertificate())
                + keyDescriptor("encryption", sp.encryptionCertificate())
                + "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\""
                + SamlSettings.logoutUrl(hostedUiBaseUrl) + "\"/>"
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
                + SamlSettings.acsUrl(hostedUiBaseUrl) + "\" index=\"1\" isDefault=\"true\"/>"
                + "</md:SPSSODescriptor></md:EntityDescriptor>\n";
    }

    private static String keyDescriptor(String use, X509Certificate certificate) {
        try {
            return "<md:KeyDescriptor use=\"" + use + "\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
                    + Base64.getEncoder().encodeToString(certificate.getEncoded())
                    + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
