package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The groups-per-pool quota (Cognito: 10,000; configurable as cognate.quotas.groups-per-pool), here
 * lowered to 2 so that reaching it is cheap.
 */
@QuarkusTest
@TestProfile(GroupQuotaTest.TwoGroupsPerPool.class)
class GroupQuotaTest {

    public static class TwoGroupsPerPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognate.quotas.groups-per-pool", "2");
        }
    }

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void refusesAGroupBeyondThePoolsQuotaUntilOneIsDeleted() {
        try (CognitoIdentityProviderClient cognito = CognitoIdpClients.operator(endpoint)) {
            String poolId = cognito.createUserPool(r -> r.poolName("quota " + CognitoIdpTest.unique())).userPool().id();
            cognito.createGroup(r -> r.userPoolId(poolId).groupName("one"));
            cognito.createGroup(r -> r.userPoolId(poolId).groupName("two"));

            assertThatThrownBy(() -> cognito.createGroup(r -> r.userPoolId(poolId).groupName("three")))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("The user pool has reached its limit of 2 groups.");
            assertThat(cognito.listGroups(r -> r.userPoolId(poolId)).groups()).extracting(GroupType::groupName)
                    .containsExactly("one", "two");

            String otherPool = cognito.createUserPool(r -> r.poolName("quota other " + CognitoIdpTest.unique())).userPool().id();
            cognito.createGroup(r -> r.userPoolId(otherPool).groupName("three"));

            cognito.deleteGroup(r -> r.userPoolId(poolId).groupName("one"));
            assertThat(cognito.createGroup(r -> r.userPoolId(poolId).groupName("three")).group().groupName()).isEqualTo("three");
        }
    }

    @Test
    void concurrentCreatesNeverExceedTheQuota() throws Exception {
        try (CognitoIdentityProviderClient cognito = Race.clientWithoutRetries(endpoint)) {
            String poolId = cognito.createUserPool(r -> r.poolName("quota race " + CognitoIdpTest.unique())).userPool().id();

            long created = Race.run(6, i -> {
                try {
                    cognito.createGroup(r -> r.userPoolId(poolId).groupName("racer-" + i));
                    return true;
                } catch (LimitExceededException e) {
                    return false;
                }
            });

            assertThat(created).isEqualTo(2);
            assertThat(cognito.listGroups(r -> r.userPoolId(poolId)).groups()).hasSize(2);
        }
    }
}
