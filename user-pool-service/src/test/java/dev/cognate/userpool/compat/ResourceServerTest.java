package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListResourceServersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateResourceServer, DescribeResourceServer, ListResourceServers, UpdateResourceServer, DeleteResourceServer through the SDK. */
@QuarkusTest
class ResourceServerTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("rs");
    }

    static ResourceServerScopeType scope(String name) {
        return ResourceServerScopeType.builder().scopeName(name).scopeDescription("can " + name).build();
    }

    @Test
    void createsDescribesUpdatesAndDeletesAResourceServer() {
        ResourceServerType created = cognito.createResourceServer(r -> r.userPoolId(poolId)
                .identifier("https://api.example.com").name("Example API").scopes(scope("read"), scope("write"))).resourceServer();
        assertThat(created.userPoolId()).isEqualTo(poolId);
        assertThat(created.identifier()).isEqualTo("https://api.example.com");
        assertThat(created.name()).isEqualTo("Example API");
        assertThat(created.scopes()).extracting(ResourceServerScopeType::scopeName).containsExactly("read", "write");
        assertThat(created.scopes().get(0).scopeDescription()).isEqualTo("can read");

        assertThat(cognito.describeResourceServer(r -> r.userPoolId(poolId).identifier("https://api.example.com")).resourceServer())
                .isEqualTo(created);

        ResourceServerType updated = cognito.updateResourceServer(r -> r.userPoolId(poolId).identifier("https://api.example.com")
                .name("Renamed").scopes(scope("admin"))).resourceServer();
        assertThat(updated.name()).isEqualTo("Renamed");
        assertThat(cognito.describeResourceServer(r -> r.userPoolId(poolId).identifier("https://api.example.com")).resourceServer()
                .scopes()).extracting(ResourceServerScopeType::scopeName).as("update replaces the scope list").containsExactly("admin");

        cognito.deleteResourceServer(r -> r.userPoolId(poolId).identifier("https://api.example.com"));
        assertThatThrownBy(() -> cognito.describeResourceServer(r -> r.userPoolId(poolId).identifier("https://api.example.com")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("https://api.example.com");
    }

    @Test
    void updateWithoutScopesRemovesThem() {
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("orders").name("Orders").scopes(scope("read")));
        cognito.updateResourceServer(r -> r.userPoolId(poolId).identifier("orders").name("Orders"));
        assertThat(cognito.describeResourceServer(r -> r.userPoolId(poolId).identifier("orders")).resourceServer().scopes()).isEmpty();
    }

    @Test
    void listsEveryResourceServerPageByPage() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("api-" + n).name("API " + n));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListResourceServersResponse page = cognito.listResourceServers(r -> r.userPoolId(poolId).maxResults(2).nextToken(next));
            assertThat(page.resourceServers()).hasSizeLessThanOrEqualTo(2);
            page.resourceServers().forEach(server -> seen.add(server.identifier()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactly("api-0", "api-1", "api-2", "api-3", "api-4");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void rejectsDuplicateIdentifierInThePool() {
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("dup").name("First"));
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("dup").name("Second")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("dup already exists in pool " + poolId);
        assertThat(cognito.describeResourceServer(r -> r.userPoolId(poolId).identifier("dup")).resourceServer().name()).isEqualTo("First");
    }

    @Test
    void sameIdentifierMayExistInAnotherPool() {
        String other = newPool("rs other");
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("shared").name("A"));
        cognito.createResourceServer(r -> r.userPoolId(other).identifier("shared").name("B"));
        assertThat(cognito.describeResourceServer(r -> r.userPoolId(other).identifier("shared")).resourceServer().name()).isEqualTo("B");
    }

    @Test
    void rejectsUnknownPoolAndUnknownResourceServer() {
        String missingPool = "us-east-1_Nope12345";
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(missingPool).identifier("x").name("x")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool " + missingPool + " does not exist.");
        assertThatThrownBy(() -> cognito.listResourceServers(r -> r.userPoolId(missingPool).maxResults(10)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool " + missingPool + " does not exist.");
        assertThatThrownBy(() -> cognito.describeResourceServer(r -> r.userPoolId(poolId).identifier("nothing")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("nothing");
        assertThatThrownBy(() -> cognito.updateResourceServer(r -> r.userPoolId(poolId).identifier("nothing").name("n")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.deleteResourceServer(r -> r.userPoolId(poolId).identifier("nothing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void rejectsInvalidMembersWithAwsMessages() {
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(poolId).name("no identifier")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value null at 'identifier' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("has\"quote").name("n")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value 'has\"quote' at 'identifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x5B\\x5D-\\x7E]+");
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("x".repeat(257)).name("n")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Member must have length less than or equal to 256");
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("ok").name("n").scopes(scope("a/b"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'scopes.1.member.scopeName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("ok").name("n")
                .scopes(ResourceServerScopeType.builder().scopeName("read").build())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value null at 'scopes.1.member.scopeDescription' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> cognito.listResourceServers(r -> r.userPoolId(poolId).maxResults(51)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Member must have value less than or equal to 50");
        assertThat(cognito.listResourceServers(r -> r.userPoolId(poolId).maxResults(50)).resourceServers()).as("nothing was created").isEmpty();
    }

    @Test
    void acceptsOneHundredScopesAndRefusesMore() {
        List<ResourceServerScopeType> hundred = IntStream.range(0, 100).mapToObj(i -> scope("s" + i)).toList();
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("big").name("Big").scopes(hundred));
        List<ResourceServerScopeType> tooMany = IntStream.range(0, 101).mapToObj(i -> scope("s" + i)).toList();
        assertThatThrownBy(() -> cognito.updateResourceServer(r -> r.userPoolId(poolId).identifier("big").name("Big").scopes(tooMany)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at 'scopes' failed to satisfy constraint: Member must have length less than or equal to 100");
        assertThat(cognito.describeResourceServer(r -> r.userPoolId(poolId).identifier("big")).resourceServer().scopes()).hasSize(100);
    }

    @Test
    void deletingThePoolRemovesItsResourceServers() {
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("gone").name("Gone").scopes(scope("read")));
        cognito.deleteUserPool(r -> r.userPoolId(poolId));
        long left = db.preparedQuery("SELECT count(*) FROM resource_servers WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(left).isZero();
    }

    @Test
    void publishesResourceServerEventsThroughTheOutbox() {
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("evented").name("E"));
        cognito.updateResourceServer(r -> r.userPoolId(poolId).identifier("evented").name("E2"));
        cognito.deleteResourceServer(r -> r.userPoolId(poolId).identifier("evented"));
        List<String> types = new ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE message_key = $1 ORDER BY id").execute(Tuple.of(poolId))
                .await().indefinitely().forEach(row -> types.add(new io.vertx.core.json.JsonObject(row.getString("payload")).getString("type")));
        assertThat(types).containsSubsequence("cognate.userpool.resourceserver.created.v1",
                "cognate.userpool.resourceserver.updated.v1", "cognate.userpool.resourceserver.deleted.v1");
    }
}
