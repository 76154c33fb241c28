package dev.cognate.identitypool.compat;

import dev.cognate.identitypool.CognitoIdentityClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.CreateIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.DescribeIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.IdentityPoolShortDescription;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.ListIdentityPoolsResponse;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentity.model.UpdateIdentityPoolResponse;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** CreateIdentityPool, DescribeIdentityPool, ListIdentityPools, UpdateIdentityPool and DeleteIdentityPool through the AWS SDK v2. */
@QuarkusTest
class IdentityPoolActionsTest {

    private static final String USER_POOL_PROVIDER = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123XYZ";

    @TestHTTPResource("/")
    URL endpoint;

    private CognitoIdentityClient cognito;
    private final String prefix = "actions-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        cognito = CognitoIdentityClients.operator(endpoint);
    }

    @AfterEach
    void close() {
        cognito.close();
    }

    @Test
    void createsIdentityPoolWithRegionPrefixedIdAndDefaults() {
        CreateIdentityPoolResponse created = cognito.createIdentityPool(r -> r
                .identityPoolName(prefix + " minimal")
                .allowUnauthenticatedIdentities(true));

        assertThat(created.identityPoolId()).matches("us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(created.identityPoolName()).isEqualTo(prefix + " minimal");
        assertThat(created.allowUnauthenticatedIdentities()).isTrue();
        assertThat(created.allowClassicFlow()).isFalse();
        assertThat(created.supportedLoginProviders()).isEmpty();
        assertThat(created.developerProviderName()).isNull();
        assertThat(created.cognitoIdentityProviders()).isEmpty();
        assertThat(created.openIdConnectProviderARNs()).isEmpty();
        assertThat(created.samlProviderARNs()).isEmpty();
        assertThat(created.identityPoolTags()).isEmpty();
    }

    @Test
    void describesWhatWasCreated() {
        CreateIdentityPoolResponse created = cognito.createIdentityPool(r -> r
                .identityPoolName(prefix + " full")
                .allowUnauthenticatedIdentities(false)
                .allowClassicFlow(true)
                .supportedLoginProviders(Map.of("accounts.google.com", "123456789012.apps.googleusercontent.com"))
                .developerProviderName("login.example.app")
                .openIdConnectProviderARNs("arn:aws:iam::000000000000:oidc-provider/issuer.example.com")
                .cognitoIdentityProviders(CognitoIdentityProvider.builder()
                        .providerName(USER_POOL_PROVIDER).clientId("3n4b5urk1ft4fl3mg5e62d9ado").serverSideTokenCheck(true).build(),
                        CognitoIdentityProvider.builder()
                        .providerName(USER_POOL_PROVIDER).clientId("7k8l9m0n1o2p3q4r5s6t7u8v9w").build())
                .samlProviderARNs("arn:aws:iam::000000000000:saml-provider/corporate")
                .identityPoolTags(Map.of("team", "identity", "empty", "")));

        DescribeIdentityPoolResponse described = cognito.describeIdentityPool(r -> r.identityPoolId(created.identityPoolId()));

        assertThat(described.identityPoolId()).isEqualTo(created.identityPoolId());
        assertThat(described.identityPoolName()).isEqualTo(prefix + " full");
        assertThat(described.allowUnauthenticatedIdentities()).isFalse();
        assertThat(described.allowClassicFlow()).isTrue();
        assertThat(described.supportedLoginProviders()).containsExactly(Map.entry("accounts.google.com", "123456789012.apps.googleusercontent.com"));
        assertThat(described.developerProviderName()).isEqualTo("login.example.app");
        assertThat(described.openIdConnectProviderARNs()).containsExactly("arn:aws:iam::000000000000:oidc-provider/issuer.example.com");
        assertThat(described.cognitoIdentityProviders()).containsExactly(
                CognitoIdentityProvider.builder().providerName(USER_POOL_PROVIDER).clientId("3n4b5urk1ft4fl3mg5e62d9ado").serverSideTokenCheck(true).build(),
                CognitoIdentityProvider.builder().providerName(USER_POOL_PROVIDER).clientId("7k8l9m0n1o2p3q4r5s6t7u8v9w").serverSideTokenCheck(false).build());
        assertThat(described.samlProviderARNs()).containsExactly("arn:aws:iam::000000000000:saml-provider/corporate");
        assertThat(described.identityPoolTags()).containsOnly(Map.entry("team", "identity"), Map.entry("empty", ""));
    }

    @Test
    void listsIdentityPoolsAcrossPagesInStableOrder() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            mine.add(cognito.createIdentityPool(r -> r.identityPoolName(prefix + " page " + n).allowUnauthenticatedIdentities(false))
                    .identityPoolId());
        }

        List<IdentityPoolShortDescription> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String token = next;
            ListIdentityPoolsResponse page = cognito.listIdentityPools(r -> r.maxResults(2).nextToken(token));
            assertThat(page.identityPools()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.identityPools());
            next = page.nextToken();
            pages++;
        } while (next != null && pages < 1000);

        List<String> ids = seen.stream().map(IdentityPoolShortDescription::identityPoolId).toList();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(ids).doesNotHaveDuplicates().isSorted().containsAll(mine);
        assertThat(seen).filteredOn(pool -> mine.contains(pool.identityPoolId()))
                .extracting(IdentityPoolShortDescription::identityPoolName)
                .containsExactlyInAnyOrder(prefix + " page 0", prefix + " page 1", prefix + " page 2", prefix + " page 3", prefix + " page 4");
        // The paginator the SDK generates follows NextToken the same way.
        assertThat(cognito.listIdentityPoolsPaginator(r -> r.maxResults(60)).identityPools().stream()
                .map(IdentityPoolShortDescription::identityPoolId)).containsAll(mine);
    }

    @Test
    void updateReplacesTheConfigurationAndKeepsDeveloperProviderAndTags() {
        String id = cognito.createIdentityPool(r -> r
                .identityPoolName(prefix + " before")
                .allowUnauthenticatedIdentities(false)
                .allowClassicFlow(true)
                .supportedLoginProviders(Map.of("graph.facebook.com", "1234567890"))
                .developerProviderName("login.example.app")
                .identityPoolTags(Map.of("team", "identity"))).identityPoolId();

        UpdateIdentityPoolResponse updated = cognito.updateIdentityPool(r -> r
                .identityPoolId(id)
                .identityPoolName(prefix + " after")
                .allowUnauthenticatedIdentities(true)
                .cognitoIdentityProviders(CognitoIdentityProvider.builder().providerName(USER_POOL_PROVIDER).clientId("clientabc").build()));

        assertThat(updated.identityPoolId()).isEqualTo(id);
        assertThat(updated.identityPoolName()).isEqualTo(prefix + " after");
        assertThat(updated.allowUnauthenticatedIdentities()).isTrue();
        assertThat(updated.allowClassicFlow()).isFalse();
        assertThat(updated.supportedLoginProviders()).isEmpty();
        assertThat(updated.developerProviderName()).isEqualTo("login.example.app");
        assertThat(updated.identityPoolTags()).containsExactly(Map.entry("team", "identity"));
        DescribeIdentityPoolResponse described = cognito.describeIdentityPool(r -> r.identityPoolId(id));
        assertThat(described.identityPoolName()).isEqualTo(prefix + " after");
        assertThat(described.cognitoIdentityProviders()).extracting(CognitoIdentityProvider::clientId).containsExactly("clientabc");
        assertThat(described.supportedLoginProviders()).isEmpty();
    }

    @Test
    void rejectsChangingTheDeveloperProviderName() {
        String id = cognito.createIdentityPool(r -> r.identityPoolName(prefix + " dev").allowUnauthenticatedIdentities(false)
                .developerProviderName("login.example.app")).identityPoolId();

        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class, () -> cognito.updateIdentityPool(r -> r
                .identityPoolId(id).identityPoolName(prefix + " dev").allowUnauthenticatedIdentities(false)
                .developerProviderName("login.other.app")));

        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo("Cannot change DeveloperProviderName once it is set (it is 'login.example.app').");
        assertThat(cognito.describeIdentityPool(r -> r.identityPoolId(id)).developerProviderName()).isEqualTo("login.example.app");
    }

    @Test
    void deletesIdentityPool() {
        String id = cognito.createIdentityPool(r -> r.identityPoolName(prefix + " doomed").allowUnauthenticatedIdentities(false))
                .identityPoolId();

        cognito.deleteIdentityPool(r -> r.identityPoolId(id));

        ResourceNotFoundException error = catchThrowableOfType(ResourceNotFoundException.class,
                () -> cognito.describeIdentityPool(r -> r.identityPoolId(id)));
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("IdentityPool '" + id + "' not found.");
        assertThat(cognito.listIdentityPoolsPaginator(r -> r.maxResults(60)).identityPools().stream()
                .map(IdentityPoolShortDescription::identityPoolId)).doesNotContain(id);
    }

    @Test
    void rejectsCreateWithoutName() {
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.createIdentityPool(r -> r.allowUnauthenticatedIdentities(true)));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(
                "1 validation error detected: Value null at 'identityPoolName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void rejectsCreateWithBadNameAndNoUnauthenticatedFlag() {
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.createIdentityPool(r -> r.identityPoolName("no/slashes")));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: "
                + "Value 'no/slashes' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+; "
                + "Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void rejectsInvalidProvidersWithTheirMemberPaths() {
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.createIdentityPool(r -> r.identityPoolName(prefix + " bad providers").allowUnauthenticatedIdentities(true)
                        .cognitoIdentityProviders(CognitoIdentityProvider.builder().providerName(USER_POOL_PROVIDER).clientId("not-allowed").build())
                        .openIdConnectProviderARNs("arn:too-short")));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: "
                + "Value 'arn:too-short' at 'openIdConnectProviderARNs.1.member' failed to satisfy constraint: Member must have length greater than or equal to 20; "
                + "Value 'not-allowed' at 'cognitoIdentityProviders.1.member.clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w_]+");
    }

    @Test
    void rejectsProviderWithoutClientId() {
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.createIdentityPool(r -> r.identityPoolName(prefix + " no client").allowUnauthenticatedIdentities(true)
                        .cognitoIdentityProviders(CognitoIdentityProvider.builder().providerName(USER_POOL_PROVIDER).build())));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Invalid Cognito Identity Provider");
    }

    @Test
    void rejectsTooManyLoginProviders() {
        Map<String, String> providers = new java.util.TreeMap<>();
        for (int i = 0; i < 11; i++) {
            providers.put("provider" + i + ".example.com", "app" + i);
        }
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.createIdentityPool(r -> r.identityPoolName(prefix + " many").allowUnauthenticatedIdentities(true)
                        .supportedLoginProviders(providers)));

        assertThat(error.awsErrorDetails().errorMessage())
                .startsWith("1 validation error detected: Value '{")
                .endsWith("}' at 'supportedLoginProviders' failed to satisfy constraint: Member must have length less than or equal to 10");
    }

    @Test
    void rejectsUnknownIdentityPool() {
        String unknown = "us-east-1:" + UUID.randomUUID();

        for (Runnable call : List.<Runnable>of(
                () -> cognito.describeIdentityPool(r -> r.identityPoolId(unknown)),
                () -> cognito.updateIdentityPool(r -> r.identityPoolId(unknown).identityPoolName("x").allowUnauthenticatedIdentities(true)),
                () -> cognito.deleteIdentityPool(r -> r.identityPoolId(unknown)))) {
            ResourceNotFoundException error = catchThrowableOfType(ResourceNotFoundException.class, call::run);
            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("IdentityPool '" + unknown + "' not found.");
        }
    }

    @Test
    void rejectsMalformedIdentityPoolId() {
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.describeIdentityPool(r -> r.identityPoolId("us-east-1_NotAnIdentityPool")));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'us-east-1_NotAnIdentityPool' at "
                + "'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+");
    }

    @Test
    void rejectsMaxResultsOutOfRange() {
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> cognito.listIdentityPools(r -> r.maxResults(0)))
                .awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '0' at 'maxResults' failed to satisfy "
                + "constraint: Member must have value greater than or equal to 1");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> cognito.listIdentityPools(r -> r.maxResults(61)))
                .awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '61' at 'maxResults' failed to satisfy "
                + "constraint: Member must have value less than or equal to 60");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> cognito.listIdentityPools(r -> r.nextToken("x")))
                .awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null at 'maxResults' failed to satisfy "
                + "constraint: Member must not be null");
    }

    @Test
    void rejectsForgedNextToken() {
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.listIdentityPools(r -> r.maxResults(10).nextToken("not-a-token-we-issued")));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Invalid pagination token.");
    }

    @Test
    void rejectsWrongJsonTypesAsSerializationException() {
        HttpResponse<String> stringForBoolean = CognitoIdentityClients.signedPost(endpoint, "CreateIdentityPool",
                "{\"IdentityPoolName\":\"" + prefix + " typed\",\"AllowUnauthenticatedIdentities\":\"true\"}");
        HttpResponse<String> numberForName = CognitoIdentityClients.signedPost(endpoint, "CreateIdentityPool",
                "{\"IdentityPoolName\":42,\"AllowUnauthenticatedIdentities\":true}");
        HttpResponse<String> objectForList = CognitoIdentityClients.signedPost(endpoint, "CreateIdentityPool",
                "{\"IdentityPoolName\":\"" + prefix + " typed\",\"AllowUnauthenticatedIdentities\":true,\"CognitoIdentityProviders\":{}}");
        HttpResponse<String> stringForMaxResults = CognitoIdentityClients.signedPost(endpoint, "ListIdentityPools", "{\"MaxResults\":\"10\"}");
        HttpResponse<String> notJson = CognitoIdentityClients.signedPost(endpoint, "DescribeIdentityPool", "{\"IdentityPoolId\":");

        assertSerializationError(stringForBoolean, "Unexpected value type for member 'AllowUnauthenticatedIdentities'.");
        assertSerializationError(numberForName, "Unexpected value type for member 'IdentityPoolName'.");
        assertSerializationError(objectForList, "Unexpected value type for member 'CognitoIdentityProviders'.");
        assertSerializationError(stringForMaxResults, "Unexpected value type for member 'MaxResults'.");
        assertSerializationError(notJson, "The request body is not valid JSON.");
        assertThat(cognito.listIdentityPoolsPaginator(r -> r.maxResults(60)).identityPools().stream()
                .map(IdentityPoolShortDescription::identityPoolName)).doesNotContain(prefix + " typed");
    }

    @Test
    void answersUnknownActionWithUnknownOperationException() {
        // an action Cognito Identity does not have (every action of the API is served now)
        HttpResponse<String> response = CognitoIdentityClients.signedPost(endpoint, "DeleteEverything",
                "{\"IdentityPoolId\":\"us-east-1:" + UUID.randomUUID() + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(response.body()).contains("AWSCognitoIdentityService.DeleteEverything");
    }

    private static void assertSerializationError(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).isEqualTo("{\"__type\":\"SerializationException\",\"message\":\"" + message + "\"}");
    }
}
