package dev.cognate.userpool.federation.saml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.internalapi.FederationResponses;
import dev.cognate.internalapi.InternalRoutes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-out at a SAML provider with IDPSignout: the pool's signed LogoutRequest is verified by the real IdP (samlify),
 * whose signed LogoutResponse comes back through the internal route hosted-ui-service calls for {@code /saml2/logout}.
 */
@QuarkusTest
class SamlSignOutTest extends SamlFixture {

    private JsonNode signedIn() throws Exception {
        Response signedIn = signIn(Map.of("nameId", "olga", "sessionIndex", "_session-olga"));
        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        return json(signedIn);
    }

    private Response logout(JsonNode signedIn, String relayState) {
        Map<String, Object> session = JSON.convertValue(signedIn.path("providerSession"), Map.class);
        return internal(InternalRoutes.FEDERATION_SAML_LOGOUT, Map.of("providerName", PROVIDER, "providerSession", session,
                "hostedUiBaseUrl", LOGIN_BASE, "relayState", relayState));
    }

    /** What hosted-ui-service forwards from {@code /saml2/logout} when the browser arrives at {@code location}. */
    private Response logoutResponse(String location) {
        String rawQuery = URI.create(location).getRawQuery();
        Map<String, String> parameters = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("samlResponse", parameters.get("SAMLResponse"));
        body.put("samlRequest", parameters.get("SAMLRequest"));
        body.put("relayState", parameters.get("RelayState"));
        body.put("rawQuery", rawQuery);
        body.put("hostedUiBaseUrl", LOGIN_BASE);
        return internal(InternalRoutes.FEDERATION_SAML_LOGOUT_RESPONSE, body);
    }

    @Test
    void signOutRoundTripThroughTheIdp() throws Exception {
        poolWithProvider(Map.of("IDPSignout", "true"));
        JsonNode signedIn = signedIn();
        assertThat(signedIn.path("providerSession").path(FederationResponses.SignedIn.IDP_SIGNOUT).asText())
                .as("hosted-ui-service's /logout goes through the provider only when the sign-in says so").isEqualTo("true");

        Response started = logout(signedIn, "state-after-logout");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(200);
        String location = started.jsonPath().getString("location");
        assertThat(location).startsWith(idp.metadataUrl().replace("/metadata", "/slo?SAMLRequest=")).contains("&Signature=");

        SamlIdp.Answer idpAnswer = idp.signOut(location);
        assertThat(idpAnswer.status()).as("samlify verified the signed LogoutRequest: " + idpAnswer.body()).isEqualTo(200);
        assertThat(idpAnswer.text("nameId")).isEqualTo("olga");
        String back = idpAnswer.text("location");
        assertThat(back).startsWith(LOGIN_BASE + "/saml2/logout?SAMLResponse=");

        Response loggedOut = logoutResponse(back);
        assertThat(loggedOut.statusCode()).as(loggedOut.asString()).isEqualTo(200);
        assertThat(json(loggedOut).path("relayState").asText()).isEqualTo("state-after-logout");

        assertRefused(logoutResponse(back), "NotAuthorizedException", "it answers no pending LogoutRequest");
    }

    @Test
    void aTamperedLogoutResponseIsRefused() throws Exception {
        poolWithProvider(Map.of("IDPSignout", "true"));
        String back = idp.signOut(logout(signedIn(), "rs").jsonPath().getString("location")).text("location");
        assertRefused(logoutResponse(back.replace("RelayState=rs", "RelayState=forged")), "NotAuthorizedException",
                "Signature validation failed. Logout Response rejected");

        back = idp.signOut(logout(signedIn(), "rs").jsonPath().getString("location")).text("location");
        String unsigned = back.substring(0, back.indexOf("&SigAlg="));
        assertThat(unsigned).doesNotContain("Signature=");
        assertRefused(logoutResponse(unsigned), "NotAuthorizedException", "The Message of the Logout Response is not signed");
    }

    @Test
    void idpInitiatedSignOutIsAnsweredWithASignedLogoutResponse() throws Exception {
        poolWithProvider(Map.of("IDPSignout", "true"));
        signedIn();
        SamlIdp.Answer request = idp.idpLogout("olga", "idp-state");
        assertThat(request.status()).as(request.body().toString()).isEqualTo(200);
        String location = request.text("location");
        assertThat(location).startsWith(LOGIN_BASE + "/saml2/logout?SAMLRequest=").contains("&Signature=");

        Response answered = logoutResponse(location);
        assertThat(answered.statusCode()).as(answered.asString()).isEqualTo(200);
        assertThat(json(answered).path("relayState").asText()).isEqualTo("idp-state");
        String toProvider = json(answered).path("redirectToProvider").asText();
        assertThat(toProvider).startsWith(idp.metadataUrl().replace("/metadata", "/slo?SAMLResponse=")).contains("&Signature=");

        SamlIdp.Answer verified = idp.signOut(toProvider);
        assertThat(verified.status()).as("samlify verified the pool's signed LogoutResponse: " + verified.body()).isEqualTo(200);
        assertThat(verified.body().path("response").path("inResponseTo").asText()).isEqualTo(request.text("requestId"));
        assertThat(verified.text("relayState")).isEqualTo("idp-state");

        assertRefused(logoutResponse(location), "NotAuthorizedException", "Invalid SAML logout request received: the LogoutRequest");
        String unsigned = idp.idpLogout("olga", "x").text("location");
        assertRefused(logoutResponse(unsigned.substring(0, unsigned.indexOf("&SigAlg="))), "NotAuthorizedException",
                "The Message of the Logout Request is not signed");
    }

    @Test
    void providersWithoutIdpSignoutRefuseSignOut() throws Exception {
        poolWithProvider(Map.of());
        assertRefused(logout(signedIn(), "rs"), "InvalidParameterException", "IDPSignout is not enabled for the identity provider Okta.");
        assertRefused(logoutResponse(idp.idpLogout("olga", "x").text("location")), "InvalidParameterException",
                "IDPSignout is not enabled for the identity provider Okta.");
    }
}
