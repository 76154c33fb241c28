package dev.cognate.hostedui.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link FakeUserPool}'s federation routes ({@code /internal/v1/hosted-ui/clients/{clientId}/federation/...}), playing
 * user-pool-service's protocol engines as the contract describes them (their real protocol checks are user-pool-service's
 * tests):
 * <ul>
 * <li>{@code start}: {@code Corp} and {@code Google} answer {@link #OIDC_AUTHORIZE}{@code ?state=st-<federationId>&redirect_uri=<base>/oauth2/idpresponse};
 * {@code Okta} answers {@link #SAML_SSO}{@code ?SAMLRequest=req-<federationId>}; {@link #BROKEN_PROVIDER} is refused
 * ({@code InvalidParameterException}).</li>
 * <li>{@code oidc-callback}: the provider's {@code error} → {@code NotAuthorizedException "Corp Error - <error> <description>"};
 * a {@code state} not bound to the request's {@code federationId} → refused; {@link #GOOD_CODE} (once) → the signed-in user
 * {@code Corp_0001}.</li>
 * <li>{@code saml-response}: {@code sp:<federationId>} (the request's) → signed in with that federationId;
 * {@link #IDP_INITIATED_RESPONSE} → signed in without one (provider {@code Okta}); anything else refused. The provider
 * session says {@code idpSignout=true}.</li>
 * <li>{@code saml-logout}: {@link #SAML_SLO}{@code ?SAMLRequest=logout&RelayState=<relayState>}; {@code saml-logout-response}:
 * {@link #LOGOUT_RESPONSE} → {@code {relayState}}, {@link #IDP_LOGOUT_REQUEST} → {@code {redirectToProvider}}, anything
 * else refused.</li>
 * </ul>
 */
public final class FakeFederation {

    static final String PROVIDERS_WITH_COGNITO = "\"supportedIdentityProviders\":[\"COGNITO\",\"Corp\",\"Google\",\"Okta\",\"Broken\"],"
            + "\"identityProviders\":[{\"providerName\":\"Corp\",\"providerType\":\"OIDC\",\"idpIdentifiers\":[\"example.com\",\"corp\"]},"
            + "{\"providerName\":\"Google\",\"providerType\":\"Google\"},"
            + "{\"providerName\":\"Okta\",\"providerType\":\"SAML\",\"idpIdentifiers\":[\"okta.example.org\"]},"
            + "{\"providerName\":\"Broken\",\"providerType\":\"OIDC\",\"idpIdentifiers\":[]}]";
    static final String PROVIDERS_ONLY = "\"supportedIdentityProviders\":[\"Google\",\"Okta\"],"
            + "\"identityProviders\":[{\"providerName\":\"Google\",\"providerType\":\"Google\"},"
            + "{\"providerName\":\"Okta\",\"providerType\":\"SAML\",\"idpIdentifiers\":[\"okta.example.org\"]}]";

    public static final String OIDC_AUTHORIZE = "https://idp.example.org/authorize";
    public static final String SAML_SSO = "https://okta.example.org/sso";
    public static final String SAML_SLO = "https://okta.example.org/slo";
    public static final String BROKEN_PROVIDER = "Broken";
    public static final String GOOD_CODE = "good-code";
    public static final String FEDERATED_SUB = "f3d0c1a2-4444-4e5f-8a77-5c6d7e8f9a01";
    public static final String FEDERATED_USERNAME = "Corp_0001";
    public static final String SAML_USERNAME = "Okta_alice@okta.example.org";
    public static final String IDP_INITIATED_RESPONSE = "idp-initiated";
    public static final String LOGOUT_RESPONSE = "logout-ok";
    public static final String IDP_LOGOUT_REQUEST = "idp-logout";
    public static final String IDP_LOGOUT_ANSWER = SAML_SLO + "?SAMLResponse=done";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> USED_CODES = ConcurrentHashMap.newKeySet();
    /** The provider each attempt started at, as user-pool-service remembers it with the state. */
    private static final Map<String, String> PROVIDER_OF_ATTEMPT = new ConcurrentHashMap<>();

    private FakeFederation() {
    }

    /** {@code start} state of an attempt, as the fake makes it. */
    public static String stateOf(String federationId) {
        return "st-" + federationId;
    }

    static void answer(HttpExchange exchange, String clientId, String route, JsonNode body) throws IOException {
        switch (route) {
            case "start" -> start(exchange, body);
            case "oidc-callback" -> oidcCallback(exchange, body);
            case "saml-response" -> samlResponse(exchange, body);
            case "saml-logout" -> FakeUserPool.send(exchange, 200, JSON.createObjectNode().put("location", SAML_SLO
                    + "?SAMLRequest=logout&RelayState=" + encode(body.path("relayState").asText())).toString());
            case "saml-logout-response" -> {
                if (LOGOUT_RESPONSE.equals(body.path("samlResponse").asText(null))) {
                    FakeUserPool.send(exchange, 200, JSON.createObjectNode().put("relayState", body.path("relayState").asText()).toString());
                } else if (IDP_LOGOUT_REQUEST.equals(body.path("samlRequest").asText(null))) {
                    FakeUserPool.send(exchange, 200, JSON.createObjectNode().put("redirectToProvider", IDP_LOGOUT_ANSWER).toString());
                } else {
                    FakeUserPool.send(exchange, 400, FakeUserPool.error("NotAuthorizedException", "Invalid SAML logout message"));
                }
            }
            default -> FakeUserPool.send(exchange, 404, FakeUserPool.error("ResourceNotFoundException", "no such action"));
        }
    }

    private static void start(HttpExchange exchange, JsonNode body) throws IOException {
        String provider = body.path("providerName").asText();
        String federationId = body.path("federationId").asText();
        String base = body.path("hostedUiBaseUrl").asText();
        String location = switch (provider) {
            case "Corp", "Google" -> OIDC_AUTHORIZE + "?state=" + encode(stateOf(federationId)) + "&redirect_uri="
                    + encode(base + "/oauth2/idpresponse");
            case "Okta" -> SAML_SSO + "?SAMLRequest=" + encode("req-" + federationId);
            default -> null;
        };
        if (location != null) {
            PROVIDER_OF_ATTEMPT.put(federationId, provider);
        }
        if (location == null) {
            FakeUserPool.send(exchange, 400, FakeUserPool.error("InvalidParameterException", "The identity provider " + provider
                    + " is not usable: its authorize_url is missing."));
        } else {
            FakeUserPool.send(exchange, 200, JSON.createObjectNode().put("location", location).toString());
        }
    }

    private static void oidcCallback(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode parameters = body.path("parameters");
        String federationId = body.path("federationId").asText("");
        if (parameters.has("error")) {
            FakeUserPool.send(exchange, 400, FakeUserPool.error("NotAuthorizedException", "Corp Error - "
                    + parameters.path("error").asText() + " " + parameters.path("error_description").asText("")));
        } else if (!parameters.path("state").asText().equals(stateOf(federationId))) {
            FakeUserPool.send(exchange, 400, FakeUserPool.error("NotAuthorizedException", "The state does not belong to this sign-in."));
        } else if (!GOOD_CODE.equals(parameters.path("code").asText()) || !USED_CODES.add(federationId)) {
            FakeUserPool.send(exchange, 400, FakeUserPool.error("NotAuthorizedException", "Corp Error - 400 invalid_grant"));
        } else {
            FakeUserPool.send(exchange, 200, signedIn(FEDERATED_USERNAME, PROVIDER_OF_ATTEMPT.get(federationId), federationId,
                    JSON.createObjectNode()));
        }
    }

    private static void samlResponse(HttpExchange exchange, JsonNode body) throws IOException {
        String response = body.path("samlResponse").asText();
        String federationId = body.path("federationId").isNull() ? null : body.path("federationId").asText(null);
        ObjectNode session = JSON.createObjectNode().put("nameId", "alice@okta.example.org").put("sessionIndex", "s-1")
                .put(dev.cognate.internalapi.FederationResponses.SignedIn.IDP_SIGNOUT, "true");
        if (federationId != null && response.equals("sp:" + federationId)) {
            FakeUserPool.send(exchange, 200, signedIn(SAML_USERNAME, "Okta", federationId, session));
        } else if (response.equals(IDP_INITIATED_RESPONSE)) {
            FakeUserPool.send(exchange, 200, signedIn(SAML_USERNAME, "Okta", null, session));
        } else {
            FakeUserPool.send(exchange, 400, FakeUserPool.error("NotAuthorizedException", "Invalid SAML response."));
        }
    }

    private static String signedIn(String username, String provider, String federationId, ObjectNode providerSession) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("signedIn").put("sub", FEDERATED_SUB).put("username", username).put("authTime", FakeUserPool.now());
        answer.put("providerName", provider);
        if (federationId != null) {
            answer.put("federationId", federationId);
        }
        answer.set("providerSession", providerSession);
        return answer.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
