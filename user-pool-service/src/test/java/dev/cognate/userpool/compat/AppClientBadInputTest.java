package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidOAuthFlowException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ScopeDoesNotExistException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;

import java.util.Collections;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad CreateUserPoolClient / UpdateUserPoolClient input answers Cognito's exceptions and creates nothing. */
@QuarkusTest
class AppClientBadInputTest extends CognitoIdpTest {

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("bad clients");
    }

    @Test
    void rejectsMissingOrMalformedClientName() {
        refused(r -> r.clientName(null), InvalidParameterException.class,
                "1 validation error detected: Value null at 'clientName' failed to satisfy constraint: Member must not be null");
        refused(r -> r.clientName("bad/name"), InvalidParameterException.class,
                "Value 'bad/name' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");
        refused(r -> r.clientName("x".repeat(129)), InvalidParameterException.class, "Member must have length less than or equal to 128");
    }

    @Test
    void rejectsTokenValiditiesOutsideCognitosRanges() {
        refused(r -> r.accessTokenValidity(4).tokenValidityUnits(u -> u.accessToken(TimeUnitsType.MINUTES)),
                InvalidParameterException.class, "AccessTokenValidity must be between 5 minutes and 1 day");
        refused(r -> r.idTokenValidity(25), InvalidParameterException.class, "IdTokenValidity must be between 5 minutes and 1 day");
        refused(r -> r.refreshTokenValidity(3651), InvalidParameterException.class, "RefreshTokenValidity must be between 60 minutes and 10 years");
        refused(r -> r.refreshTokenValidity(59).tokenValidityUnits(u -> u.refreshToken(TimeUnitsType.MINUTES)),
                InvalidParameterException.class, "RefreshTokenValidity must be between 60 minutes and 10 years");
        refused(r -> r.accessTokenValidity(86401), InvalidParameterException.class,
                "Value '86401' at 'accessTokenValidity' failed to satisfy constraint: Member must have value less than or equal to 86400");
        refused(r -> r.authSessionValidity(2), InvalidParameterException.class,
                "Value '2' at 'authSessionValidity' failed to satisfy constraint: Member must have value greater than or equal to 3");
        refused(r -> r.authSessionValidity(16), InvalidParameterException.class, "Member must have value less than or equal to 15");
    }

    @Test
    void rejectsUnknownEnumsAndMixedAuthFlows() {
        refused(r -> r.explicitAuthFlowsWithStrings("ALLOW_EVERYTHING"), InvalidParameterException.class,
                "Value 'ALLOW_EVERYTHING' at 'explicitAuthFlows.1.member' failed to satisfy constraint: Member must satisfy enum value set");
        refused(r -> r.explicitAuthFlowsWithStrings("USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"), InvalidParameterException.class,
                "cannot mix legacy flows");
        refused(r -> r.allowedOAuthFlowsWithStrings("password"), InvalidParameterException.class,
                "Value 'password' at 'allowedOAuthFlows.1.member' failed to satisfy constraint: Member must satisfy enum value set: [code, implicit, client_credentials]");
        refused(r -> r.preventUserExistenceErrors("SOMETIMES"), InvalidParameterException.class, "at 'preventUserExistenceErrors'");
        refused(r -> r.tokenValidityUnits(u -> u.accessToken("weeks")), InvalidParameterException.class, "at 'tokenValidityUnits.accessToken'");
    }

    @Test
    void rejectsBadCallbackAndLogoutUrls() {
        refused(r -> r.callbackURLs("http://app.example.com/cb"), InvalidParameterException.class, "http is allowed only for localhost");
        refused(r -> r.callbackURLs("https://app.example.com/cb#frag"), InvalidParameterException.class, "must not contain a fragment");
        refused(r -> r.callbackURLs("/relative/path"), InvalidParameterException.class, "not an absolute URL");
        refused(r -> r.logoutURLs("http://evil.example.com/"), InvalidParameterException.class, "Invalid logout URL");
        refused(r -> r.callbackURLs("https://example.com/" + "a".repeat(1010)), InvalidParameterException.class,
                "Member must have length less than or equal to 1024");
        refused(r -> r.callbackURLs(IntStream.range(0, 101).mapToObj(i -> "https://example.com/" + i).toList()),
                InvalidParameterException.class, "at 'callbackURLs' failed to satisfy constraint: Member must have length less than or equal to 100");
        refused(r -> r.callbackURLs("https://a.example.com/cb").defaultRedirectURI("https://b.example.com/cb"),
                InvalidParameterException.class, "DefaultRedirectURI must be one of the CallbackURLs.");
    }

    @Test
    void acceptsOneHundredCallbackUrls() {
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("many")
                .callbackURLs(IntStream.range(0, 100).mapToObj(i -> "https://example.com/" + i).toList())).userPoolClient().clientId();
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId)).userPoolClient().callbackURLs()).hasSize(100);
    }

    @Test
    void enforcesCognitosOAuthFlowRules() {
        refused(r -> r.generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS, OAuthFlowType.CODE)
                        .allowedOAuthScopes("openid").callbackURLs("https://a.example.com").allowedOAuthFlowsUserPoolClient(true),
                InvalidParameterException.class, "client_credentials flow can not be selected along with code flow or implicit flow.");
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("api").name("API").scopes(ResourceServerTest.scope("read")));
        refused(r -> r.allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS).allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true),
                InvalidParameterException.class, "client_credentials flow can not be selected if client does not have a client secret.");
        refused(r -> r.allowedOAuthFlowsUserPoolClient(true), InvalidParameterException.class,
                "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.");
        refused(r -> r.allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid").allowedOAuthFlowsUserPoolClient(true),
                InvalidOAuthFlowException.class, "CallbackUrls can not be empty when code flow or implicit flow is selected");
        refused(r -> r.allowedOAuthFlows(OAuthFlowType.IMPLICIT).allowedOAuthScopes("openid").callbackURLs(Collections.emptyList())
                        .allowedOAuthFlowsUserPoolClient(true),
                InvalidOAuthFlowException.class, "CallbackUrls can not be empty when code flow or implicit flow is selected");

        String m2m = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("m2m").generateSecret(true)
                .allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS).allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true))
                .userPoolClient().clientId();
        assertThat(m2m).isNotBlank();
    }

    @Test
    void updateWithTheCodeFlowAndNoCallbackUrlsIsRefusedAndChangesNothing() {
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web").allowedOAuthFlows(OAuthFlowType.CODE)
                .allowedOAuthScopes("openid").callbackURLs("https://app.example.com/cb").allowedOAuthFlowsUserPoolClient(true))
                .userPoolClient().clientId();

        assertThatThrownBy(() -> cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId).clientName("web")
                .allowedOAuthFlows(OAuthFlowType.CODE, OAuthFlowType.IMPLICIT).allowedOAuthScopes("openid")
                .allowedOAuthFlowsUserPoolClient(true)))
                .isInstanceOf(InvalidOAuthFlowException.class)
                .hasMessageContaining("CallbackUrls can not be empty when code flow or implicit flow is selected");

        var stored = cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId)).userPoolClient();
        assertThat(stored.callbackURLs()).containsExactly("https://app.example.com/cb");
        assertThat(stored.allowedOAuthFlows()).containsExactly(OAuthFlowType.CODE);
    }

    @Test
    void rejectsScopesThatDoNotExist() {
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("https://api.example.com").name("API")
                .scopes(ResourceServerTest.scope("read")));
        refused(r -> r.allowedOAuthScopes("openid", "https://api.example.com/write"), ScopeDoesNotExistException.class,
                "Invalid scope requested: https://api.example.com/write");
        refused(r -> r.allowedOAuthScopes("unknown.server/read"), ScopeDoesNotExistException.class, "Invalid scope requested: unknown.server/read");
        refused(r -> r.allowedOAuthScopes("Cognito"), ScopeDoesNotExistException.class, "Invalid scope requested: Cognito");
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("ok")).userPoolClient().clientId();
        assertThatThrownBy(() -> cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId)
                .allowedOAuthScopes("https://api.example.com/admin")))
                .isInstanceOf(ScopeDoesNotExistException.class).hasMessageContaining("Invalid scope requested: https://api.example.com/admin");
    }

    @Test
    void rejectsAttributesAndProvidersThePoolDoesNotHave() {
        refused(r -> r.readAttributes("email", "favourite_colour"), InvalidParameterException.class,
                "Invalid read attributes specified while creating a client");
        refused(r -> r.writeAttributes("custom:nope"), InvalidParameterException.class, "Invalid write attributes specified while creating a client");
        refused(r -> r.supportedIdentityProviders("COGNITO", "Google"), InvalidParameterException.class,
                "The provider Google does not exist for User Pool " + poolId);
    }

    @Test
    void acceptsThePoolsCustomAttributes() {
        String pool = cognito.createUserPool(r -> r.poolName("custom attrs " + unique())
                .schema(a -> a.name("tier").attributeDataType("String").mutable(true))).userPool().id();
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("reads tier")
                .readAttributes("email", "custom:tier").writeAttributes("custom:tier")).userPoolClient().clientId();
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)).userPoolClient().readAttributes())
                .containsExactly("email", "custom:tier");
    }

    @Test
    void rejectsMembersOfTheWrongJsonType() {
        io.restassured.response.Response response = dev.cognate.userpool.SignedJson.call(endpoint, "CreateUserPoolClient",
                "{\"UserPoolId\":\"" + poolId + "\",\"ClientName\":\"typed\",\"CallbackURLs\":\"https://a.example.com\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("__type")).isEqualTo("SerializationException");
        assertThat(cognito.listUserPoolClients(r -> r.userPoolId(poolId)).userPoolClients()).isEmpty();
    }

    @Test
    void rejectsUnknownPoolAndClient() {
        String missing = "us-east-1_Nope12345";
        assertThatThrownBy(() -> cognito.createUserPoolClient(r -> r.userPoolId(missing).clientName("x")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool " + missing + " does not exist.");
        assertThatThrownBy(() -> cognito.listUserPoolClients(r -> r.userPoolId(missing)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool " + missing + " does not exist.");
        assertThatThrownBy(() -> cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId("abcdefghijklmnopqrstuvwxyz")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("User pool client abcdefghijklmnopqrstuvwxyz does not exist.");
        assertThatThrownBy(() -> cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId("bad-id")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at 'clientId' failed to satisfy constraint");
        assertThatThrownBy(() -> cognito.listUserPoolClients(r -> r.userPoolId(poolId).maxResults(61)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Member must have value less than or equal to 60");
        assertThatThrownBy(() -> cognito.listUserPoolClients(r -> r.userPoolId(poolId).nextToken("forged!")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid pagination token.");
    }

    private void refused(Consumer<CreateUserPoolClientRequest.Builder> request, Class<? extends CognitoIdentityProviderException> expected,
                         String message) {
        assertThatThrownBy(() -> cognito.createUserPoolClient(r -> {
            r.userPoolId(poolId).clientName("client");
            request.accept(r);
        })).isInstanceOf(expected).hasMessageContaining(message)
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e).statusCode()).isEqualTo(400));
        assertThat(cognito.listUserPoolClients(r -> r.userPoolId(poolId)).userPoolClients())
                .as("nothing created").filteredOn(c -> c.clientName().equals("client")).isEqualTo(Collections.emptyList());
    }
}
