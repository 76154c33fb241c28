package dev.cognate.userpool.federation.saml;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GetSigningCertificate through the AWS SDK v2, and the pool's SP metadata carrying the same certificate. */
@QuarkusTest
class GetSigningCertificateTest extends dev.cognate.userpool.CognitoIdpTest {

    @Inject
    Pool db;

    @Test
    void answersThePoolsSigningCertificateMadeOnFirstUse() throws Exception {
        String poolId = newPool("saml certs");
        String certificate = cognito.getSigningCertificate(r -> r.userPoolId(poolId)).certificate();
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certificate)));
        assertThat(parsed.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAPublicKey) parsed.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(parsed.getSubjectX500Principal().getName()).contains("CN=" + poolId);
        assertThat(parsed.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3640)));
        parsed.verify(parsed.getPublicKey());

        assertThat(cognito.getSigningCertificate(r -> r.userPoolId(poolId)).certificate()).as("stable").isEqualTo(certificate);
        assertThat(cognito.getSigningCertificate(r -> r.userPoolId(newPool("saml certs other"))).certificate()).isNotEqualTo(certificate);

        String metadata = RestAssured.given().baseUri(endpoint.toString()).get("/" + poolId + "/saml2/metadata").asString();
        assertThat(metadata).contains("entityID=\"urn:amazon:cognito:sp:" + poolId + "\"")
                .contains("<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + certificate)
                .contains("<md:KeyDescriptor use=\"encryption\">")
                .contains("Location=\"http://localhost:8082/saml2/idpresponse\"");

        byte[] sealed = db.preparedQuery("SELECT signing_key FROM saml_sp_credentials WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getBuffer("signing_key").getBytes();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("sealed, not PKCS#8 in clear").doesNotContain("MII");
    }

    @Test
    void unknownPoolIsNotFound() {
        assertThatThrownBy(() -> cognito.getSigningCertificate(r -> r.userPoolId("us-east-1_Nope00000")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(RestAssured.given().baseUri(endpoint.toString()).get("/us-east-1_Nope00000/saml2/metadata").statusCode()).isEqualTo(404);
    }
}
