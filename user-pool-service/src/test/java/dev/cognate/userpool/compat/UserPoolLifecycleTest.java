package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeletionProtectionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool and DeleteUserPool through the AWS SDK for Java v2. */
@QuarkusTest
class UserPoolLifecycleTest extends CognitoIdpTest {


    @Test
    void createsPoolWithGivenSettingsAndCognitoDefaults() {
        Instant before = Instant.now().minusSeconds(1);
        UserPoolType created = cognito.createUserPool(r -> r
                .poolName("lifecycle " + unique())
                .aliasAttributes(AliasAttributeType.EMAIL, AliasAttributeType.PREFERRED_USERNAME)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .userPoolTags(Map.of("team", "identity"))
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(12).requireSymbols(false)))).userPool();

        assertThat(created.id()).matches("us-east-1_[0-9a-zA-Z]{9}");
        assertThat(created.arn()).isEqualTo("arn:aws:cognito-idp:us-east-1:000000000000:userpool/" + created.id());
        assertThat(created.creationDate()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.mfaConfiguration()).isEqualTo(UserPoolMfaType.OFF);
        assertThat(created.deletionProtection()).isEqualTo(DeletionProtectionType.INACTIVE);
        assertThat(created.adminCreateUserConfig().allowAdminCreateUserOnly()).isFalse();
        assertThat(created.verificationMessageTemplate().defaultEmailOptionAsString()).isEqualTo("CONFIRM_WITH_CODE");

        UserPoolType described = cognito.describeUserPool(r -> r.userPoolId(created.id())).userPool();
        assertThat(described.name()).isEqualTo(created.name());
        assertThat(described.aliasAttributes()).containsExactly(AliasAttributeType.EMAIL, AliasAttributeType.PREFERRED_USERNAME);
        assertThat(described.autoVerifiedAttributes()).containsExactly(VerifiedAttributeType.EMAIL);
        assertThat(described.policies().passwordPolicy().minimumLength()).isEqualTo(12);
        assertThat(described.policies().passwordPolicy().requireSymbols()).isFalse();
        assertThat(described.userPoolTags()).containsEntry("team", "identity");
        assertThat(described.creationDate()).isEqualTo(created.creationDate());
    }

    @Test
    void listsEveryPoolOnceAcrossPages() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            mine.add(newPool("paged"));
        }
        List<UserPoolDescriptionType> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String token = next;
            var page = cognito.listUserPools(r -> r.maxResults(2).nextToken(token));
            assertThat(page.userPools()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.userPools());
            next = page.nextToken();
            pages++;
        } while (next != null && pages < 1000);

        List<String> ids = seen.stream().map(UserPoolDescriptionType::id).toList();
        assertThat(ids).doesNotHaveDuplicates().containsAll(mine).isSorted();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(seen).filteredOn(p -> mine.contains(p.id())).allSatisfy(p -> {
            assertThat(p.name()).startsWith("paged ");
            assertThat(p.creationDate()).isNotNull();
            assertThat(p.lambdaConfig()).isNotNull();
        });
    }

    @Test
    void updateChangesGivenSettingsAndResetsOmittedOnesLikeCognito() {
        String id = cognito.createUserPool(r -> r.poolName("update " + unique())
                .aliasAttributes(AliasAttributeType.EMAIL)
                .emailVerificationSubject("Your code")
                .mfaConfiguration(UserPoolMfaType.OFF)).userPool().id();

        cognito.updateUserPool(r -> r.userPoolId(id).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .smsConfiguration(s -> s.snsCallerArn("arn:aws:iam::123456789012:role/sns-caller"))
                .deletionProtection(DeletionProtectionType.ACTIVE));

        UserPoolType updated = cognito.describeUserPool(r -> r.userPoolId(id)).userPool();
        assertThat(updated.mfaConfiguration()).isEqualTo(UserPoolMfaType.OPTIONAL);
        assertThat(updated.deletionProtection()).isEqualTo(DeletionProtectionType.ACTIVE);
        assertThat(updated.emailVerificationSubject()).as("omitted on update: back to default").isNull();
        assertThat(updated.aliasAttributes()).as("fixed at creation").containsExactly(AliasAttributeType.EMAIL);
        assertThat(updated.lastModifiedDate()).isAfterOrEqualTo(updated.creationDate());
    }

    @Test
    void deletesPoolAndForgetsIt() {
        String id = newPool("delete");
        cognito.deleteUserPool(r -> r.userPoolId(id));

        assertThatThrownBy(() -> cognito.describeUserPool(r -> r.userPoolId(id)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("User pool " + id + " does not exist.");
        assertThatThrownBy(() -> cognito.deleteUserPool(r -> r.userPoolId(id))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void refusesToDeleteProtectedPool() {
        String id = cognito.createUserPool(r -> r.poolName("protected " + unique())
                .deletionProtection(DeletionProtectionType.ACTIVE)).userPool().id();

        assertThatThrownBy(() -> cognito.deleteUserPool(r -> r.userPoolId(id)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("deletion protection is activated");
        assertThat(cognito.describeUserPool(r -> r.userPoolId(id)).userPool().id()).isEqualTo(id);
    }
}
