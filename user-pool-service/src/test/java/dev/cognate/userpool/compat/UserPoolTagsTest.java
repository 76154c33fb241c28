package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TagResource, UntagResource and ListTagsForResource on user pool ARNs, through the AWS SDK for Java v2. */
@QuarkusTest
class UserPoolTagsTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private UserPoolType pool;

    @BeforeEach
    void connect() {
        pool = cognito.createUserPool(r -> r.poolName("tags " + unique())
                .userPoolTags(Map.of("team", "identity"))).userPool();
    }

    @Test
    void tagsAddAndReplaceAndDescribeUserPoolShowsThem() {
        cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("team", "platform", "cost-center", "42")));

        assertThat(cognito.listTagsForResource(r -> r.resourceArn(pool.arn())).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "platform", "cost-center", "42"));
        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool().userPoolTags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "platform", "cost-center", "42"));
    }

    @Test
    void untagRemovesTheGivenKeysAndIgnoresUnknownOnes() {
        cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("env", "prod", "empty", "")));

        cognito.untagResource(r -> r.resourceArn(pool.arn()).tagKeys("team", "not-there"));

        assertThat(cognito.listTagsForResource(r -> r.resourceArn(pool.arn())).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "empty", ""));
        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool().userPoolTags()).doesNotContainKey("team");
    }

    @Test
    void eachTagChangePublishesPoolUpdated() {
        cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("a", "1")));
        cognito.untagResource(r -> r.resourceArn(pool.arn()).tagKeys("a"));
        assertThatThrownBy(() -> cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("bad key!", "v"))))
                .isInstanceOf(InvalidParameterException.class);

        assertThat(OutboxRows.forPool(db, pool.id(), "userPoolId")).extracting(OutboxRows.Row::type).containsExactly(
                UserPoolEvents.POOL_CREATED.name(), UserPoolEvents.POOL_UPDATED.name(), UserPoolEvents.POOL_UPDATED.name());
    }

    @Test
    void refusesMoreThanFiftyTagsOnAPoolAndKeepsTheOldOnes() {
        Map<String, String> fortyNine = new HashMap<>();
        for (int i = 0; i < 49; i++) {
            fortyNine.put("k" + i, "v");
        }
        cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(fortyNine));
        assertThat(cognito.listTagsForResource(r -> r.resourceArn(pool.arn())).tags()).hasSize(50);

        assertThatThrownBy(() -> cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("one-too-many", "v"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most 50 tags");
        assertThat(cognito.listTagsForResource(r -> r.resourceArn(pool.arn())).tags()).hasSize(50).doesNotContainKey("one-too-many");
        cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("team", "replaced")));
        assertThat(cognito.listTagsForResource(r -> r.resourceArn(pool.arn())).tags()).containsEntry("team", "replaced");
    }

    @Test
    void rejectsTagKeysAndValuesOutsideTheirConstraints() {
        String longKey = "k".repeat(129);
        assertThatThrownBy(() -> cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of(longKey, "v"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("1 validation error detected: Value '" + longKey + "' at 'tags' failed to satisfy constraint: "
                        + "Map keys must satisfy constraint: [Member must have length less than or equal to 128]");
        assertThatThrownBy(() -> cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("k", "v".repeat(257)))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Map values must satisfy constraint: [Member must have length less than or equal to 256]");
        assertThatThrownBy(() -> cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("", "v"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("[Member must have length greater than or equal to 1]");
        assertThatThrownBy(() -> cognito.untagResource(r -> r.resourceArn(pool.arn()).tagKeys("semi;colon")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value 'semi;colon' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: "
                        + "[Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$]");
        assertThat(cognito.listTagsForResource(r -> r.resourceArn(pool.arn())).tags()).containsExactly(Map.entry("team", "identity"));
    }

    @Test
    void answersResourceNotFoundForAWellFormedArnOfNoPool() {
        String missing = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Nope12345";
        assertThatThrownBy(() -> cognito.listTagsForResource(r -> r.resourceArn(missing)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool us-east-1_Nope12345 does not exist.");
        assertThatThrownBy(() -> cognito.tagResource(r -> r.resourceArn(missing).tags(Map.of("a", "b"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.untagResource(r -> r.resourceArn(missing).tagKeys("a")))
                .isInstanceOf(ResourceNotFoundException.class);
        String otherAccount = pool.arn().replace(":000000000000:", ":111122223333:");
        assertThatThrownBy(() -> cognito.listTagsForResource(r -> r.resourceArn(otherAccount)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void answersInvalidParameterForMalformedOrForeignArns() {
        assertThatThrownBy(() -> cognito.listTagsForResource(r -> r.resourceArn("userpool/" + pool.id())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:");
        assertThatThrownBy(() -> cognito.listTagsForResource(r -> r.resourceArn("arn:aws:iam::123456789012:role/admins")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("arn:aws:iam::123456789012:role/admins is not a valid user pool ARN.");
        assertThatThrownBy(() -> cognito.listTagsForResource(r -> r.resourceArn(null)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value null at 'resourceArn' failed to satisfy constraint: Member must not be null");
    }
}
