package dev.cognate.awsprotocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AwsJsonProtocolTest {

    record EchoRequest(String name, Integer count, Instant when) {
    }

    record EchoResponse(String name, Integer count, Instant when) {
    }

    record Attribute(String name, String value) {
    }

    record NestedRequest(List<Attribute> userAttributes, Map<String, String> clientMetadata, JsonNode settings) {
    }

    private final AtomicInteger executions = new AtomicInteger();

    private final AwsAction<NestedRequest, NestedRequest> nested = new AwsAction<>() {
        public String name() {
            return "Nested";
        }

        public Class<NestedRequest> requestType() {
            return NestedRequest.class;
        }

        public ActionAuthorization authorization() {
            return ActionAuthorization.NONE;
        }

        public Uni<NestedRequest> execute(NestedRequest request, ActionContext context) {
            executions.incrementAndGet();
            return Uni.createFrom().item(request);
        }
    };

    private final AwsAction<EchoRequest, EchoResponse> echo = new AwsAction<>() {
        public String name() {
            return "Echo";
        }

        public Class<EchoRequest> requestType() {
            return EchoRequest.class;
        }

        public ActionAuthorization authorization() {
            return ActionAuthorization.NONE;
        }

        public Uni<EchoResponse> execute(EchoRequest request, ActionContext context) {
            executions.incrementAndGet();
            Validation.of().required("name", request.name()).length("name", request.name(), 1, 5).throwIfInvalid();
            return Uni.createFrom().item(new EchoResponse(request.name(), request.count(), request.when()));
        }
    };

    private final AwsAction<EchoRequest, EchoResponse> signedOnly = new AwsAction<>() {
        public String name() {
            return "Signed";
        }

        public Class<EchoRequest> requestType() {
            return EchoRequest.class;
        }

        public Uni<EchoResponse> execute(EchoRequest request, ActionContext context) {
            executions.incrementAndGet();
            return Uni.createFrom().item(new EchoResponse(context.accessKeyId(), null, null));
        }
    };

    private final AwsAction<EchoRequest, EchoResponse> broken = new AwsAction<>() {
        public String name() {
            return "Broken";
        }

        public Class<EchoRequest> requestType() {
            return EchoRequest.class;
        }

        public ActionAuthorization authorization() {
            return ActionAuthorization.NONE;
        }

        public Uni<EchoResponse> execute(EchoRequest request, ActionContext context) {
            throw new IllegalStateException("database password is hunter2");
        }
    };

    private final AwsAction<EchoRequest, EchoResponse> extension = new AwsAction<>() {
        public String targetPrefix() {
            return "CognateAdmin";
        }

        public String name() {
            return "Echo";
        }

        public Class<EchoRequest> requestType() {
            return EchoRequest.class;
        }

        public Uni<EchoResponse> execute(EchoRequest request, ActionContext context) {
            executions.incrementAndGet();
            return Uni.createFrom().item(new EchoResponse("extension", null, null));
        }
    };

    private final AwsJsonProtocol protocol = new AwsJsonProtocol(AwsService.COGNITO_IDENTITY_PROVIDER,
            List.of(echo, signedOnly, broken, extension, nested), SigV4Verifier.forKeys(Map.of(SignedRequests.ACCESS_KEY, SignedRequests.SECRET)));

    @Test
    void dispatchesByTargetAndWritesUpperCamelMembersAndEpochSeconds() throws Exception {
        AwsJsonResponse response = call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":\"abc\",\"Count\":3,\"When\":1700000000.5}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsKey("x-amzn-RequestId").containsEntry("Content-Type", "application/x-amz-json-1.1");
        JsonNode body = AwsJson.MAPPER.readTree(response.body());
        assertThat(body.get("Name").asText()).isEqualTo("abc");
        assertThat(body.get("Count").asInt()).isEqualTo(3);
        assertThat(body.get("When").isNumber()).isTrue();
        assertThat(body.get("When").decimalValue()).isEqualByComparingTo("1700000000.5");
    }

    @Test
    void unknownTargetIsAnAwsErrorNamingTheAction() throws Exception {
        assertError(call("AWSCognitoIdentityProviderService.SignUp", "{}"), 400, "UnknownOperationException",
                "AWSCognitoIdentityProviderService.SignUp");
        assertError(call("SomeOtherService.Echo", "{}"), 400, "UnknownOperationException", "SomeOtherService.Echo");
        assertError(call(null, "{}"), 400, "UnknownOperationException", "Missing X-Amz-Target");
    }

    @Test
    void anExtensionActionIsServedUnderItsOwnPrefixOnlyAndSigned() throws Exception {
        assertThat(AwsJson.MAPPER.readTree(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":\"abc\"}").body())
                .get("Name").asText()).as("same name, service prefix: the service's action").isEqualTo("abc");
        assertError(call("CognateAdmin.Echo", "{}"), 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        assertError(call("CognateAdmin.Signed", "{}"), 400, "UnknownOperationException", "CognateAdmin.Signed");

        AwsJsonResponse signed = protocol.handle(SignedRequests.signed("CognateAdmin.Echo", "{}", Instant.now())).await().indefinitely();
        assertThat(signed.status()).isEqualTo(200);
        assertThat(AwsJson.MAPPER.readTree(signed.body()).get("Name").asText()).isEqualTo("extension");
    }

    @Test
    void malformedJsonIsASerializationErrorAndRunsNothing() throws Exception {
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":"), 400, "SerializationException", "not valid JSON");
        assertError(call("AWSCognitoIdentityProviderService.Echo", "[1,2]"), 400, "SerializationException", "request");
        assertThat(executions).hasValue(0);
    }

    @Test
    void wrongMemberTypeIsASerializationError() throws Exception {
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":\"a\",\"Count\":\"3\"}"), 400,
                "SerializationException", "'Count'");
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":7}"), 400, "SerializationException", "'Name'");
        assertThat(executions).hasValue(0);
    }

    @Test
    void refusesNulControlCharactersAndUnpairedSurrogatesInEveryStringMemberBeforeRunning() throws Exception {
        String refused = "failed to satisfy constraint: Member must not contain NUL, other control characters or unpaired surrogates";
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":\"\\u0000\"}"), 400, "InvalidParameterException",
                "1 validation error detected: Value at 'name' " + refused);
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":\"a\\u0007\"}"), 400, "InvalidParameterException",
                "Value at 'name' " + refused);
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":\"\\ud800x\"}"), 400, "InvalidParameterException",
                "Value at 'name' " + refused);
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":\"\\udc00\"}"), 400, "InvalidParameterException",
                "Value at 'name' " + refused);
        assertError(call("AWSCognitoIdentityProviderService.Nested",
                        "{\"UserAttributes\":[{\"Name\":\"a\",\"Value\":\"ok\"},{\"Name\":\"b\",\"Value\":\"x\\u0000\"}]}"),
                400, "InvalidParameterException", "Value at 'userAttributes.2.member.value' " + refused);
        assertError(call("AWSCognitoIdentityProviderService.Nested", "{\"ClientMetadata\":{\"k\\u0000\":\"v\"}}"),
                400, "InvalidParameterException", "Value at 'clientMetadata' " + refused);
        assertError(call("AWSCognitoIdentityProviderService.Nested", "{\"Settings\":{\"Deep\":[\"\\u0000\"]}}"),
                400, "InvalidParameterException", "Value at 'settings.deep.1.member' " + refused);
        // a member Cognate does not know is not bound, but it is refused as well: the check is on the body
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":\"a\",\"Unknown\":\"\\u0000\"}"), 400,
                "InvalidParameterException", "Value at 'unknown' " + refused);
        assertThat(executions).hasValue(0);
    }

    @Test
    void acceptsTabsLineBreaksAndCharactersBeyondTheBasicPlane() throws Exception {
        AwsJsonResponse response = call("AWSCognitoIdentityProviderService.Nested",
                "{\"UserAttributes\":[{\"Name\":\"n\",\"Value\":\"a\\tb\\r\\nc \\ud83d\\ude00 \u00e9\"}],\"Settings\":{\"x\":\"\\n\"}}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(AwsJson.MAPPER.readTree(response.body()).at("/UserAttributes/0/Value").asText())
                .isEqualTo("a\tb\r\nc \ud83d\ude00 \u00e9");
    }

    @Test
    void otherJsonEdgesCanBindThroughTheSameCheck() throws Exception {
        byte[] body = "{\"username\":\"a\\u0000\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    try (var parser = AwsJson.textCheckingParser(AwsJson.MAPPER, body)) {
                        AwsJson.MAPPER.readTree(parser);
                    }
                }).isInstanceOf(CognitoException.class)
                .hasMessage("1 validation error detected: Value at 'username' failed to satisfy constraint: "
                        + "Member must not contain NUL, other control characters or unpaired surrogates");
    }

    @Test
    void validationErrorsUseAwsWording() throws Exception {
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{}"), 400, "InvalidParameterException",
                "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
        assertError(call("AWSCognitoIdentityProviderService.Echo", "{\"Name\":\"toolong\"}"), 400, "InvalidParameterException",
                "Value 'toolong' at 'name' failed to satisfy constraint: Member must have length less than or equal to 5");
    }

    @Test
    void unexpectedFailureIsAGenericInternalErrorWithoutDetails() throws Exception {
        AwsJsonResponse response = call("AWSCognitoIdentityProviderService.Broken", "{}");
        assertError(response, 500, "InternalErrorException", "An internal error occurred");
        assertThat(new String(response.body())).doesNotContain("hunter2");
    }

    @Test
    void signedActionRefusesUnsignedCallBeforeRunning() throws Exception {
        assertError(call("AWSCognitoIdentityProviderService.Signed", "{}"), 403, "MissingAuthenticationTokenException",
                "Missing Authentication Token");
        assertThat(executions).hasValue(0);
    }

    @Test
    void signedActionRunsWithTheVerifiedAccessKey() throws Exception {
        AwsJsonRequest request = SignedRequests.signed("AWSCognitoIdentityProviderService.Signed", "{}", Instant.now());
        AwsJsonResponse response = protocol.handle(request).await().indefinitely();
        assertThat(response.status()).isEqualTo(200);
        assertThat(AwsJson.MAPPER.readTree(response.body()).get("Name").asText()).isEqualTo(SignedRequests.ACCESS_KEY);
    }

    private AwsJsonResponse call(String target, String body) {
        return protocol.handle(SignedRequests.unsigned(target, body)).await().indefinitely();
    }

    private static void assertError(AwsJsonResponse response, int status, String type, String messagePart) throws Exception {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", type).containsKey("x-amzn-RequestId");
        JsonNode body = AwsJson.MAPPER.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo(type);
        assertThat(body.get("message").asText()).contains(messagePart);
    }
}
