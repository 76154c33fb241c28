package dev.cognate.identitypool.api;

import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * NUL, other control characters and unpaired surrogates in any string member are refused at the protocol edge
 * (libs/aws-protocol) with {@code InvalidParameterException}, before the action runs: never a 500, nothing written.
 */
@QuarkusTest
class InvalidTextTest {

    private static final String REFUSED = "failed to satisfy constraint: Member must not contain NUL, other control characters or unpaired surrogates";

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void createIdentityPoolWithANulInItsNameIsRefusedAndCreatesNothing() {
        String name = "nul-" + UUID.randomUUID().toString().substring(0, 8);
        try (CognitoIdentityClient cognito = CognitoIdentityClients.operator(endpoint)) {
            CognitoIdentityException error = catchThrowableOfType(CognitoIdentityException.class,
                    () -> cognito.createIdentityPool(r -> r.identityPoolName(name + "\u0000").allowUnauthenticatedIdentities(true)));

            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
            assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at 'identityPoolName' " + REFUSED);
        }
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identity_pools WHERE name LIKE ?", name + "%")).isZero();
    }

    @Test
    void describeAndDeleteWithAControlCharacterInTheIdAreRefused() {
        try (CognitoIdentityClient cognito = CognitoIdentityClients.operator(endpoint)) {
            CognitoIdentityException describe = catchThrowableOfType(CognitoIdentityException.class,
                    () -> cognito.describeIdentityPool(r -> r.identityPoolId("us-east-1:\u0000")));
            assertThat(describe.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
            assertThat(describe.awsErrorDetails().errorMessage()).contains("'identityPoolId' " + REFUSED);

            CognitoIdentityException delete = catchThrowableOfType(CognitoIdentityException.class,
                    () -> cognito.deleteIdentityPool(r -> r.identityPoolId("us-east-1:\u001b[31m")));
            assertThat(delete.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        }
    }

    @Test
    void anUnpairedSurrogateInATagIsRefused() throws Exception {
        String name = "surrogate-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = CognitoIdentityClients.signedPost(endpoint, "CreateIdentityPool",
                "{\"IdentityPoolName\":\"" + name + "\",\"AllowUnauthenticatedIdentities\":true,\"IdentityPoolTags\":{\"team\":\"\\ud800\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterException");
        assertThat(response.body()).contains("Value at 'identityPoolTags.team' " + REFUSED);
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identity_pools WHERE name = ?", name)).isZero();
    }
}
