package dev.cognate.awsprotocol;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.cognate.awsprotocol.SignedRequests.ACCESS_KEY;
import static dev.cognate.awsprotocol.SignedRequests.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4VerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String TARGET = "AWSCognitoIdentityProviderService.ListUserPools";
    private static final String BODY = "{\"MaxResults\":10}";

    private final SigV4Verifier verifier = new SigV4Verifier(
            key -> Optional.ofNullable(Map.of(ACCESS_KEY, SECRET).get(key)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsRequestSignedByTheSdkSigner() {
        assertThat(verifier.verify(SignedRequests.signed(TARGET, BODY, NOW), "cognito-idp")).isEqualTo(ACCESS_KEY);
    }

    @Test
    void acceptsSignatureWithinFiveMinutesEitherSide() {
        assertThat(verifier.verify(SignedRequests.signed(TARGET, BODY, NOW.minus(Duration.ofMinutes(4))), "cognito-idp")).isEqualTo(ACCESS_KEY);
        assertThat(verifier.verify(SignedRequests.signed(TARGET, BODY, NOW.plus(Duration.ofMinutes(4))), "cognito-idp")).isEqualTo(ACCESS_KEY);
    }

    @Test
    void rejectsMissingAuthorizationAsMissingAuthenticationToken() {
        assertRejected(SignedRequests.unsigned(TARGET, BODY), "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    @Test
    void rejectsUnknownAccessKeyAsUnrecognizedClient() {
        var request = SignedRequests.signed(TARGET, BODY, "cognito-idp", NOW, "AKIAUNKNOWN000000000", SECRET);
        assertRejected(request, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    @Test
    void rejectsWrongSecretAsInvalidSignature() {
        var request = SignedRequests.signed(TARGET, BODY, "cognito-idp", NOW, ACCESS_KEY, "not-the-secret");
        assertRejected(request, "InvalidSignatureException", "The request signature we calculated does not match");
    }

    @Test
    void rejectsTamperedBodyAsInvalidSignature() {
        var request = SignedRequests.withBody(SignedRequests.signed(TARGET, BODY, NOW), "{\"MaxResults\":60}");
        assertRejected(request, "InvalidSignatureException", "The request signature we calculated does not match");
    }

    @Test
    void rejectsTamperedSignedHeaderAsInvalidSignature() {
        var request = SignedRequests.signed(TARGET, BODY, NOW);
        request.headers().put("x-amz-target", List.of("AWSCognitoIdentityProviderService.DeleteUserPool"));
        assertRejected(request, "InvalidSignatureException", "does not match");
    }

    @Test
    void rejectsRequestOlderThanFiveMinutesAsExpired() {
        var request = SignedRequests.signed(TARGET, BODY, NOW.minus(Duration.ofMinutes(6)));
        assertRejected(request, "InvalidSignatureException", "Signature expired: 20261122T095400Z is now earlier than 20261122T095500Z");
    }

    @Test
    void rejectsRequestFromTheFuture() {
        var request = SignedRequests.signed(TARGET, BODY, NOW.plus(Duration.ofMinutes(6)));
        assertRejected(request, "InvalidSignatureException", "Signature not yet current");
    }

    @Test
    void rejectsSignatureScopedToAnotherService() {
        var request = SignedRequests.signed(TARGET, BODY, "cognito-identity", NOW, ACCESS_KEY, SECRET);
        assertRejected(request, "InvalidSignatureException", "Credential should be scoped to correct service: 'cognito-idp'.");
    }

    @Test
    void rejectsMalformedAuthorizationAsIncompleteSignature() {
        var request = SignedRequests.unsigned(TARGET, BODY);
        request.headers().put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY));
        assertRejected(request, "IncompleteSignatureException", "requires 'Credential', 'Signature' and 'SignedHeaders'");
    }

    private void assertRejected(AwsJsonRequest request, String type, String messagePart) {
        assertThatThrownBy(() -> verifier.verify(request, "cognito-idp"))
                .isInstanceOfSatisfying(CognitoException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.getMessage()).contains(messagePart);
                    assertThat(e.httpStatus()).isBetween(400, 499);
                });
    }
}
