package dev.cognate.identitypool.compat;

import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** TagResource, UntagResource and ListTagsForResource on identity pool ARNs through the AWS SDK v2. */
@QuarkusTest
class IdentityPoolTagsTest {

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    CognitoIdentityClient operator;

    @BeforeEach
    void clients() {
        operator = CognitoIdentityClients.operator(endpoint);
    }

    @AfterEach
    void close() {
        operator.close();
    }

    String pool(Map<String, String> tags) {
        return operator.createIdentityPool(r -> r.identityPoolName("tags-" + UUID.randomUUID().toString().substring(0, 8))
                .allowUnauthenticatedIdentities(true).identityPoolTags(tags)).identityPoolId();
    }

    static String arn(String pool) {
        return "arn:aws:cognito-identity:us-east-1:000000000000:identitypool/" + pool;
    }

    long updates(String pool) {
        return Rows.count(dataSource, "SELECT 1 FROM outbox WHERE message_key = ? AND payload::jsonb ->> 'type' = ?", pool,
                IdentityPoolEvents.POOL_UPDATED.name());
    }

    @Test
    void tagsAreAddedReplacedListedAndRemovedOnThePoolsOwnTags() {
        String pool = pool(Map.of("env", "test", "owner", "ida"));

        operator.tagResource(r -> r.resourceArn(arn(pool)).tags(Map.of("env", "prod", "cost-center", "")));

        assertThat(operator.listTagsForResource(r -> r.resourceArn(arn(pool))).tags())
                .isEqualTo(Map.of("env", "prod", "owner", "ida", "cost-center", ""));
        assertThat(operator.describeIdentityPool(r -> r.identityPoolId(pool)).identityPoolTags())
                .isEqualTo(Map.of("env", "prod", "owner", "ida", "cost-center", ""));

        operator.untagResource(r -> r.resourceArn(arn(pool)).tagKeys("owner", "never-set"));

        assertThat(operator.listTagsForResource(r -> r.resourceArn(arn(pool))).tags()).isEqualTo(Map.of("env", "prod", "cost-center", ""));
        assertThat(updates(pool)).isEqualTo(2);
        // nothing to change: no event
        operator.untagResource(r -> r.resourceArn(arn(pool)).tagKeys("owner"));
        assertThat(updates(pool)).isEqualTo(2);
    }

    @Test
    void badAndUnknownArnsAndTooManyTagsAreRefusedAndChangeNothing() {
        String pool = pool(Map.of("keep", "me"));
        String missing = "us-east-1:" + UUID.randomUUID();

        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.listTagsForResource(r -> r.resourceArn(arn(missing))))
                .awsErrorDetails().errorMessage()).isEqualTo("IdentityPool '" + missing + "' not found.");
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.tagResource(r -> r
                .resourceArn("arn:aws:cognito-identity:eu-west-1:000000000000:identitypool/" + pool).tags(Map.of("a", "b"))))
                .awsErrorDetails().errorMessage()).isEqualTo("IdentityPool '" + pool + "' not found.");
        String userPoolArn = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Abc";
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.tagResource(r -> r.resourceArn(userPoolArn).tags(Map.of("a", "b"))))
                .awsErrorDetails().errorMessage()).isEqualTo("Invalid ARN: '" + userPoolArn + "' is not an identity pool ARN.");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.listTagsForResource(r -> r.resourceArn("arn:short")))
                .awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'arn:short' at 'resourceArn' failed to satisfy"
                        + " constraint: Member must have length greater than or equal to 20");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.tagResource(r -> r.resourceArn(arn(pool))
                .tags(Map.of("k".repeat(129), "v")))).awsErrorDetails().errorMessage()).contains("at 'tags' failed to satisfy constraint: Map keys");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.tagResource(r -> r.resourceArn(arn(pool))
                .tags(Map.of("k", "v".repeat(257))))).awsErrorDetails().errorMessage()).contains("at 'tags' failed to satisfy constraint: Map value");
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("tag" + i, "v");
        }
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.tagResource(r -> r.resourceArn(arn(pool)).tags(fifty)))
                .awsErrorDetails().errorMessage()).isEqualTo("An identity pool can have at most 50 tags.");
        try (CognitoIdentityClient anonymous = CognitoIdentityClients.anonymous(endpoint)) {
            assertThat(catchThrowableOfType(CognitoIdentityException.class, () -> anonymous.untagResource(r -> r.resourceArn(arn(pool))
                    .tagKeys("keep"))).statusCode()).isEqualTo(403);
        }

        assertThat(operator.listTagsForResource(r -> r.resourceArn(arn(pool))).tags()).isEqualTo(Map.of("keep", "me"));
        assertThat(updates(pool)).isZero();
    }
}
