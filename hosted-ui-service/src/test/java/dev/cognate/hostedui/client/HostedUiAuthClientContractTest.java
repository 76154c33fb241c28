package dev.cognate.hostedui.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.hostedui.support.FakeFederation;
import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.HostedLoginRequests;
import dev.cognate.internalapi.HostedLoginResponses.CodeDeliveryResult;
import dev.cognate.internalapi.HostedLoginResponses.SignInStep;
import dev.cognate.internalapi.HostedLoginResponses.SignUpResult;
import dev.cognate.internalapi.HostedLoginResponses.SoftwareTokenAssociation;
import dev.cognate.internalapi.HostedLoginResponses.SoftwareTokenVerification;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hosted-ui side of the internal contract (libs/internal-api): the REST client writes each request record with
 * exactly the record's members (those user-pool-service reads, {@code ipAddress} among them) and reads the answers into
 * the response records. The other side of the wire is {@link FakeUserPool}, which keeps what it received.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class HostedUiAuthClientContractTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    @RestClient
    HostedUiAuthClient client;

    private static void assertSentExactly(String action, Class<? extends Record> type) {
        JsonNode sent = FakeUserPool.lastRequest(action);
        List<String> members = new ArrayList<>();
        sent.fieldNames().forEachRemaining(members::add);
        assertThat(members).as(action).containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getRecordComponents())
                .map(HostedUiAuthClientContractTest::jsonName).toList());
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null ? property.value() : component.getName();
    }

    @Test
    void signInAndTheChallengeAnswerTravelAsTheSharedRecords() {
        SignInStep challenge = client.signIn(FakeUserPool.KNOWN_CLIENT,
                new HostedLoginRequests.SignIn(FakeUserPool.NEW_USER, FakeUserPool.TEMPORARY_PASSWORD, "192.0.2.9"))
                .await().atMost(WAIT);
        assertSentExactly("sign-in", HostedLoginRequests.SignIn.class);
        assertThat(challenge.completed()).isFalse();
        assertThat(challenge.challengeName()).isEqualTo("NEW_PASSWORD_REQUIRED");
        assertThat(challenge.parameters()).containsEntry("USER_ID_FOR_SRP", FakeUserPool.NEW_USER);

        SignInStep done = client.respondToChallenge(FakeUserPool.KNOWN_CLIENT, new HostedLoginRequests.RespondToChallenge(
                        challenge.challengeName(), challenge.session(),
                        Map.of("USERNAME", FakeUserPool.NEW_USER, "NEW_PASSWORD", "Brand-new-pass-1", "userAttributes.name", "N"),
                        "192.0.2.9"))
                .await().atMost(WAIT);
        assertSentExactly("respond-to-challenge", HostedLoginRequests.RespondToChallenge.class);
        assertThat(FakeUserPool.lastRequest("respond-to-challenge").path("ipAddress").asText()).isEqualTo("192.0.2.9");
        assertThat(done.completed()).isTrue();
        assertThat(done.signedIn().username()).isEqualTo(FakeUserPool.NEW_USER);
        assertThat(done.signedIn().authTime()).isPositive();
    }

    @Test
    void theAccountRoutesCarryTheBrowsersAddressWhereUserPoolServiceRecordsIt() {
        SignUpResult signedUp = client.signUp(FakeUserPool.KNOWN_CLIENT,
                new HostedLoginRequests.SignUp("someone", "Long-enough-1", Map.of("email", "s@example.com"), "192.0.2.9"))
                .await().atMost(WAIT);
        assertSentExactly("sign-up", HostedLoginRequests.SignUp.class);
        assertThat(signedUp.codeDeliveryDetails().deliveryMedium()).isEqualTo("EMAIL");

        CodeDeliveryResult resent = client.resendCode(FakeUserPool.KNOWN_CLIENT, new HostedLoginRequests.Username("someone", "192.0.2.9"))
                .await().atMost(WAIT);
        assertSentExactly("resend-code", HostedLoginRequests.Username.class);
        assertThat(resent.codeDeliveryDetails().destination()).isNotBlank();

        client.forgotPassword(FakeUserPool.KNOWN_CLIENT, new HostedLoginRequests.Username("someone", "192.0.2.9")).await().atMost(WAIT);
        assertSentExactly("forgot-password", HostedLoginRequests.Username.class);
        client.confirmForgotPassword(FakeUserPool.KNOWN_CLIENT, new HostedLoginRequests.ConfirmForgotPassword("someone",
                FakeUserPool.CONFIRMATION_CODE, "Long-enough-2", "192.0.2.9")).await().atMost(WAIT);
        assertSentExactly("confirm-forgot-password", HostedLoginRequests.ConfirmForgotPassword.class);
        client.confirmSignUp(FakeUserPool.KNOWN_CLIENT, new HostedLoginRequests.ConfirmSignUp("someone", FakeUserPool.CONFIRMATION_CODE))
                .await().atMost(WAIT);
        assertSentExactly("confirm-sign-up", HostedLoginRequests.ConfirmSignUp.class);
    }

    @Test
    void theSoftwareTokenSetUpRoutesTravelAsTheSharedRecords() {
        SoftwareTokenAssociation associated = client.associateSoftwareToken(FakeUserPool.KNOWN_CLIENT,
                new HostedLoginRequests.AssociateSoftwareToken("upstream-session-setup")).await().atMost(WAIT);
        assertSentExactly("associate-software-token", HostedLoginRequests.AssociateSoftwareToken.class);
        assertThat(associated.secretCode()).isEqualTo(FakeUserPool.SETUP_SECRET);
        assertThat(associated.session()).isEqualTo("upstream-session-associated");
        assertThat(associated.toString()).as("never logged").doesNotContain(FakeUserPool.SETUP_SECRET);

        SoftwareTokenVerification verified = client.verifySoftwareToken(FakeUserPool.KNOWN_CLIENT,
                new HostedLoginRequests.VerifySoftwareToken(associated.session(), FakeUserPool.SETUP_CODE, "phone")).await().atMost(WAIT);
        assertSentExactly("verify-software-token", HostedLoginRequests.VerifySoftwareToken.class);
        assertThat(verified.status()).isEqualTo("SUCCESS");
        assertThat(verified.session()).isEqualTo("upstream-session-verified");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.verifySoftwareToken(FakeUserPool.KNOWN_CLIENT,
                        new HostedLoginRequests.VerifySoftwareToken(associated.session(), "000000", null)).await().atMost(WAIT))
                .isInstanceOfSatisfying(CognitoErrorException.class, refused ->
                        assertThat(refused.type()).isEqualTo("EnableSoftwareTokenMFAException"));
    }

    @Test
    void thePasskeyRegistrationRoutesTravelAsTheSharedRecords() {
        var options = client.startPasskeyRegistration(FakeUserPool.KNOWN_CLIENT,
                new HostedLoginRequests.PasskeyRegistrationStart(FakeUserPool.USER_SUB)).await().atMost(WAIT);
        assertSentExactly("start-passkey-registration", HostedLoginRequests.PasskeyRegistrationStart.class);
        assertThat(options.options()).isEqualTo(FakeUserPool.CREATION_OPTIONS);

        client.completePasskeyRegistration(FakeUserPool.KNOWN_CLIENT,
                new HostedLoginRequests.PasskeyRegistrationComplete(FakeUserPool.USER_SUB, "{\"id\":\"x\"}")).await().atMost(WAIT);
        assertSentExactly("complete-passkey-registration", HostedLoginRequests.PasskeyRegistrationComplete.class);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.completePasskeyRegistration(FakeUserPool.KNOWN_CLIENT,
                        new HostedLoginRequests.PasskeyRegistrationComplete(FakeUserPool.USER_SUB, FakeUserPool.DUPLICATE_PASSKEY))
                        .await().atMost(WAIT))
                .isInstanceOfSatisfying(CognitoErrorException.class, refused ->
                        assertThat(refused.type()).isEqualTo("InvalidParameterException"));
    }

    @Test
    void theFederationRoutesTravelAsTheSharedRecords() {
        String federationId = "fed-contract-0000000000000000000000000000000";
        var redirect = client.startFederation(FakeUserPool.FEDERATED_CLIENT,
                new FederationRequests.Start("Corp", federationId, "https://auth.example.com", "192.0.2.9")).await().atMost(WAIT);
        assertSentExactly("federation/start", FederationRequests.Start.class);
        assertThat(redirect.location()).startsWith(FakeFederation.OIDC_AUTHORIZE + "?state=");

        var signedIn = client.oidcCallback(FakeUserPool.FEDERATED_CLIENT, new FederationRequests.OidcCallback(
                Map.of("code", FakeFederation.GOOD_CODE, "state", FakeFederation.stateOf(federationId)), federationId,
                "https://auth.example.com", "192.0.2.9")).await().atMost(WAIT);
        assertSentExactly("federation/oidc-callback", FederationRequests.OidcCallback.class);
        assertThat(signedIn.signedIn().username()).isEqualTo(FakeFederation.FEDERATED_USERNAME);
        assertThat(signedIn.providerName()).isEqualTo("Corp");
        assertThat(signedIn.federationId()).isEqualTo(federationId);

        var unsolicited = client.samlResponse(FakeUserPool.FEDERATED_CLIENT, new FederationRequests.SamlResponse(
                FakeFederation.IDP_INITIATED_RESPONSE, "client_id=x", null, "https://auth.example.com", "192.0.2.9")).await().atMost(WAIT);
        assertSentExactly("federation/saml-response", FederationRequests.SamlResponse.class);
        assertThat(unsolicited.federationId()).isNull();
        assertThat(unsolicited.providerSession()).containsEntry(dev.cognate.internalapi.FederationResponses.SignedIn.IDP_SIGNOUT, "true");

        var logout = client.samlLogout(FakeUserPool.FEDERATED_CLIENT, new FederationRequests.SamlLogout("Okta",
                unsolicited.providerSession(), "https://auth.example.com", "relay")).await().atMost(WAIT);
        assertSentExactly("federation/saml-logout", FederationRequests.SamlLogout.class);
        assertThat(logout.location()).startsWith(FakeFederation.SAML_SLO);

        var loggedOut = client.samlLogoutResponse(FakeUserPool.FEDERATED_CLIENT, new FederationRequests.SamlLogoutMessage(
                FakeFederation.LOGOUT_RESPONSE, null, "relay", "SAMLResponse=logout-ok&RelayState=relay", "https://auth.example.com"))
                .await().atMost(WAIT);
        assertSentExactly("federation/saml-logout-response", FederationRequests.SamlLogoutMessage.class);
        assertThat(loggedOut.relayState()).isEqualTo("relay");
        assertThat(loggedOut.redirectToProvider()).isNull();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.startFederation(FakeUserPool.FEDERATED_CLIENT,
                        new FederationRequests.Start(FakeFederation.BROKEN_PROVIDER, federationId, "https://auth.example.com", null))
                        .await().atMost(WAIT))
                .isInstanceOfSatisfying(CognitoErrorException.class, refused ->
                        assertThat(refused.type()).isEqualTo("InvalidParameterException"));
    }
}
