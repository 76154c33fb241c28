package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A public app client's own side of the authorization-code flow with PKCE (S256), written out by hand for the steps a
 * relying-party library has no part in: the authorization request and the code's redemption at the token endpoint.
 *
 * @param userPoolUrl user-pool-service's base URL (its {@code /oauth2/token})
 * @param verifier    the PKCE code verifier (43 characters or more)
 */
record PkceApp(String userPoolUrl, String clientId, String redirectUri, String verifier) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The pool's authorization endpoint, from the discovery document of {@code issuer}. */
    static String authorizationEndpoint(String issuer) throws IOException {
        return JSON.readTree(URI.create(issuer + "/.well-known/openid-configuration").toURL()).path("authorization_endpoint").asText();
    }

    /**
     * An authorization request to {@code endpoint}: {@code response_type=code}, {@code scope=openid}, this app's client,
     * redirect URI and code challenge, then {@code parameters} (which add to those or replace them).
     */
    String authorizationUrl(String endpoint, Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("response_type", "code");
        all.put("client_id", clientId);
        all.put("redirect_uri", redirectUri);
        all.put("scope", "openid");
        all.put("code_challenge", challenge());
        all.put("code_challenge_method", "S256");
        all.putAll(parameters);
        StringBuilder url = new StringBuilder(endpoint).append('?');
        all.forEach((name, value) -> url.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        return url.substring(0, url.length() - 1);
    }

    /** The callback's code redeemed at the token endpoint with the verifier: the token response (asserted 200). */
    JsonNode redeem(String callbackUrl) throws IOException, InterruptedException {
        Map<String, String> query = query(callbackUrl);
        assertThat(query).containsKey("code");
        String form = "grant_type=authorization_code&client_id=" + clientId + "&code=" + URLEncoder.encode(query.get("code"), StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8) + "&code_verifier=" + verifier;
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(userPoolUrl + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JSON.readTree(tokens.body());
    }

    /** The callback's code redeemed: the claims of the ID token it gives. */
    JsonNode redeemForIdTokenClaims(String callbackUrl) throws IOException, InterruptedException {
        return claims(redeem(callbackUrl).path("id_token").asText());
    }

    /** S256 of the verifier, base64url without padding. */
    String challenge() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT's claims, decoded without checking its signature (what the test reads, not what it trusts). */
    static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** The decoded query parameters of {@code url} (a callback's {@code code}, {@code state}, {@code iss} or {@code error}). */
    static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
