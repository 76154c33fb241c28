package dev.cognate.identitypool.compat;

import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.DeleteIdentitiesResponse;
import software.amazon.awssdk.services.cognitoidentity.model.UnprocessedIdentityId;

import java.net.URL;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * DeleteIdentities while PostgreSQL is down: the identities it could not delete come back in
 * {@code UnprocessedIdentityIds} with {@code ErrorCode} {@code InternalServerError}, and are still there afterwards.
 */
@QuarkusTest
class DeleteIdentitiesOutageTest {

    @TestHTTPResource("/")
    URL endpoint;

    @AfterEach
    void restorePostgres() {
        TestInfrastructure.startPostgres();
        await().atMost(Duration.ofSeconds(90)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void identitiesThatCouldNotBeDeletedAreReportedAsInternalServerError() {
        try (CognitoIdentityClient operator = CognitoIdentityClients.operator(endpoint);
             CognitoIdentityClient anonymous = CognitoIdentityClients.anonymous(endpoint)) {
            String pool = operator.createIdentityPool(r -> r.identityPoolName("delete-outage").allowUnauthenticatedIdentities(true)).identityPoolId();
            String first = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
            String second = anonymous.getId(r -> r.identityPoolId(pool)).identityId();

            TestInfrastructure.stopPostgres();
            DeleteIdentitiesResponse response = operator.deleteIdentities(r -> r.identityIdsToDelete(first, second));

            assertThat(response.unprocessedIdentityIds()).extracting(UnprocessedIdentityId::identityId, UnprocessedIdentityId::errorCodeAsString)
                    .containsExactly(tuple(first, "InternalServerError"),
                            tuple(second, "InternalServerError"));

            restorePostgres();
            assertThat(operator.listIdentities(r -> r.identityPoolId(pool).maxResults(10)).identities()).hasSize(2);
            assertThat(operator.describeIdentity(r -> r.identityId(first)).identityId()).isEqualTo(first);
        }
    }
}
