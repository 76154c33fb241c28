package dev.cognate.userpool.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.service.IdentityProviderService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The federated user as the FederatedSignIn bean makes it from verified upstream identities (the protocols that verify
 * them are tested in {@code federation/oidc} and {@code federation/saml}), checked through the AWS SDK v2.
 */
@QuarkusTest
class FederatedSignInTest extends CognitoIdpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    FederatedSignIn federatedSignIn;

    @Inject
    IdentityProviderService providers;

    String poolId;
    String clientId;

    @BeforeEach
    void poolWithAnOidcProvider() {
        poolId = newPool("federation");
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(Map.of("client_id", "cognate", "client_secret", "oidc-secret-value", "authorize_scopes", "openid email",
                        "oidc_issuer", "https://login.example.com/realms/main", "attributes_request_method", "GET"))
                .attributeMapping(Map.of("email", "email", "email_verified", "email_verified", "name", "name", "username", "sub")));
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web").supportedIdentityProviders("Corp")
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid", "email")
                .callbackURLs("https://app.example.com/callback")).userPoolClient().clientId();
    }

    private SignedInUser signIn(String subject, Map<String, String> attributes) {
        IdentityProvider provider = providers.describeIdentityProvider(poolId, "Corp").await().atMost(Duration.ofSeconds(10));
        return federatedSignIn.signIn(clientId, new ExternalIdentity(provider, subject, attributes, null), "203.0.113.7")
                .await().atMost(Duration.ofSeconds(20));
    }

    private static String attribute(AdminGetUserResponse user, String name) {
        return user.userAttributes().stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst().orElse(null);
    }

    @Test
    void firstSignInCreatesTheFederatedUserAndLaterSignInsFindIt() throws Exception {
        SignedInUser first = signIn("a1b2c3", Map.of("sub", "a1b2c3", "email", "ada@example.com", "email_verified", "true", "name", "Ada"));
        assertThat(first.username()).isEqualTo("Corp_a1b2c3");

        AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(poolId).username("Corp_a1b2c3"));
        assertThat(user.userStatus()).isEqualTo(UserStatusType.EXTERNAL_PROVIDER);
        assertThat(attribute(user, "sub")).isEqualTo(first.sub());
        assertThat(attribute(user, "email")).isEqualTo("ada@example.com");
        assertThat(attribute(user, "email_verified")).isEqualTo("true");
        JsonNode identities = JSON.readTree(attribute(user, "identities"));
        assertThat(identities).hasSize(1);
        assertThat(identities.get(0).get("userId").asText()).isEqualTo("a1b2c3");
        assertThat(identities.get(0).get("providerName").asText()).isEqualTo("Corp");
        assertThat(identities.get(0).get("providerType").asText()).isEqualTo("OIDC");
        assertThat(identities.get(0).get("primary").asBoolean()).isTrue();

        SignedInUser again = signIn("a1b2c3", Map.of("sub", "a1b2c3", "email", "ada@example.com", "name", "Ada Lovelace"));
        assertThat(again.sub()).isEqualTo(first.sub());
        assertThat(attribute(cognito.adminGetUser(r -> r.userPoolId(poolId).username("Corp_a1b2c3")), "name")).isEqualTo("Ada Lovelace");
    }
}
