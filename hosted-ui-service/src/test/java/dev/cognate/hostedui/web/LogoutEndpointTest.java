package dev.cognate.hostedui.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FakeUserPool.class)
class LogoutEndpointTest {

    private static final String ISSUER = "http://localhost:8081/" + FakeUserPool.POOL_ID;

    /** An ID token as user-pool-service signs it, here with the fake's key (or another one). */
    private static String idToken(PrivateKey key, String issuer, String audience, long expiresAt) throws Exception {
        var json = new ObjectMapper();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString(json.writeValueAsBytes(
                Map.of("alg", "RS256", "kid", FakeUserPool.KID, "typ", "JWT")));
        String payload = base64.encodeToString(json.writeValueAsBytes(Map.of("sub", FakeUserPool.USER_SUB,
                "iss", issuer, "aud", audience, "token_use", "id", "exp", expiresAt,
                "iat", expiresAt - 3600, "cognito:username", FakeUserPool.USER)));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + base64.encodeToString(signer.sign());
    }

    /** A token with a hand-written header over an ID token's claims, signed with {@code jdkAlgorithm} (or unsigned). */
    private static String forged(String header, Map<String, Object> claims, String jdkAlgorithm, PrivateKey key) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String input = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(new ObjectMapper().writeValueAsBytes(claims));
        if (jdkAlgorithm == null) {
            return input + ".";
        }
        Signature signer = Signature.getInstance(jdkAlgorithm);
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + base64.encodeToString(signer.sign());
    }

    private static Map<String, Object> idClaims(String tokenUse, long exp) {
        return Map.of("sub", FakeUserPool.USER_SUB, "iss", ISSUER, "aud", FakeUserPool.KNOWN_CLIENT, "token_use", tokenUse,
                "exp", exp, "iat", exp - 3600, "cognito:username", FakeUserPool.USER);
    }

    private static HostedUiBrowser signedIn() {
        var browser = new HostedUiBrowser();
        Response response = browser.signIn(HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT),
                FakeUserPool.USER, FakeUserPool.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(303);
        return browser;
    }

    /** Whether the browser still signs in to the second client without a password. */
    private static boolean stillSignedIn(HostedUiBrowser browser) {
        return browser.get("/oauth2/authorize", HostedUiBrowser.authorizeQuery(FakeUserPool.SECOND_CLIENT))
                .header("Location").startsWith(FakeUserPool.CALLBACK_URL + "?code=");
    }

    @Test
    void endsTheSessionAndGoesToTheRegisteredLogoutUri() {
        var browser = signedIn();
        assertThat(stillSignedIn(browser)).isTrue();

        Response response = browser.get("/logout", Map.of("client_id", FakeUserPool.KNOWN_CLIENT,
                "logout_uri", FakeUserPool.LOGOUT_URL));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo(FakeUserPool.LOGOUT_URL);
        assertThat(response.detailedCookie("__Host-cognate-session").getMaxAge()).isZero();
        assertThat(stillSignedIn(browser)).isFalse();
    }

    @Test
    void refusesAnUnregisteredLogoutUriAndKeepsTheSession() {
        var browser = signedIn();
        for (String uri : new String[] {"https://evil.example.net/", FakeUserPool.LOGOUT_URL + "x",
                FakeUserPool.CALLBACK_URL}) {
            Response response = browser.get("/logout", Map.of("client_id", FakeUserPool.KNOWN_CLIENT, "logout_uri", uri));
            assertThat(response.statusCode()).as(uri).isEqualTo(400);
            assertThat(response.header("Location")).isNull();
            assertThat(response.body().asString())
                    .contains("The logout URI is not one of the app client&#39;s sign-out URLs.");
        }
        assertThat(stillSignedIn(browser)).isTrue();
    }

    @Test
    void endsTheSessionAndShowsTheSignInPageForARedirectUri() {
        var browser = signedIn();

        Response response = browser.get("/logout", HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).startsWith("/login?client_id=" + FakeUserPool.KNOWN_CLIENT);
        assertThat(HostedUiBrowser.queryOf(response.header("Location"))).containsEntry("state", "st-123");
        assertThat(stillSignedIn(browser)).isFalse();

        Map<String, String> unregistered = new LinkedHashMap<>(HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT));
        unregistered.put("redirect_uri", "https://evil.example.net/");
        assertThat(browser.get("/logout", unregistered).statusCode()).isEqualTo(400);
    }

    @Test
    void logsOutWithAnIdTokenHintAndPostLogoutRedirectUri() throws Exception {
        var browser = signedIn();
        // Expired an hour ago: accepted, as RP-Initiated Logout allows.
        String hint = idToken(FakeUserPool.signingKey(), ISSUER, FakeUserPool.KNOWN_CLIENT,
                System.currentTimeMillis() / 1000 - 3600);

        Response response = browser.get("/logout", Map.of("id_token_hint", hint,
                "post_logout_redirect_uri", FakeUserPool.LOGOUT_URL, "state", "bye&1"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo(FakeUserPool.LOGOUT_URL + "?state=bye%261");
        assertThat(stillSignedIn(browser)).isFalse();
    }

    @Test
    void showsASignedOutPageWithoutAPostLogoutRedirectUri() throws Exception {
        var browser = signedIn();
        String hint = idToken(FakeUserPool.signingKey(), ISSUER, FakeUserPool.KNOWN_CLIENT,
                System.currentTimeMillis() / 1000 + 3600);

        Response response = browser.get("/logout", Map.of("id_token_hint", hint, "ui_locales", "de"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).contains("Sie wurden abgemeldet.");
        assertThat(stillSignedIn(browser)).isFalse();
    }

    @Test
    void refusesAForgedOrForeignIdTokenHint() throws Exception {
        var browser = signedIn();
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        long exp = System.currentTimeMillis() / 1000 + 3600;
        Map<String, String> forgedHints = Map.of(
                "signed with another key", idToken(generator.generateKeyPair().getPrivate(), ISSUER,
                        FakeUserPool.KNOWN_CLIENT, exp),
                "another issuer", idToken(FakeUserPool.signingKey(), "https://evil.example.net/" + FakeUserPool.POOL_ID,
                        FakeUserPool.KNOWN_CLIENT, exp),
                "for a client of another pool", idToken(FakeUserPool.signingKey(), ISSUER,
                        FakeUserPool.OTHER_POOL_CLIENT, exp),
                "not a JWT", "not.a.jwt");
        Map<String, String> moreForged = new LinkedHashMap<>(forgedHints);
        String kidHeader = "{\"kid\":\"" + FakeUserPool.KID + "\",\"alg\":\"%s\"}";
        PrivateKey poolKey = FakeUserPool.signingKey();
        moreForged.put("alg none", forged(kidHeader.formatted("none"), idClaims("id", exp), null, null));
        String hsInput = Base64.getUrlEncoder().withoutPadding().encodeToString(kidHeader.formatted("HS256").getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new ObjectMapper().writeValueAsBytes(idClaims("id", exp)));
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        // the HS/RS confusion: the pool's public key (what a verifier holds) as the HMAC secret
        hmac.init(new javax.crypto.spec.SecretKeySpec(
                ((java.security.interfaces.RSAPrivateCrtKey) poolKey).getModulus().toByteArray(), "HmacSHA256"));
        moreForged.put("HS256 keyed with the public key", hsInput + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII))));
        moreForged.put("RS512 by the pool's key", forged(kidHeader.formatted("RS512"), idClaims("id", exp), "SHA512withRSA", poolKey));
        moreForged.put("unknown kid", forged("{\"kid\":\"other\",\"alg\":\"RS256\"}", idClaims("id", exp), "SHA256withRSA", poolKey));
        moreForged.put("kid with a path", forged("{\"kid\":\"../" + FakeUserPool.KID + "\",\"alg\":\"RS256\"}", idClaims("id", exp),
                "SHA256withRSA", poolKey));
        var attacker = generator.generateKeyPair();
        var attackerPublic = (java.security.interfaces.RSAPublicKey) attacker.getPublic();
        String embeddedJwk = "{\"kty\":\"RSA\",\"n\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                attackerPublic.getModulus().toByteArray()) + "\",\"e\":\"AQAB\"}";
        moreForged.put("the attacker's key embedded as jwk", forged("{\"kid\":\"" + FakeUserPool.KID + "\",\"alg\":\"RS256\",\"jwk\":"
                + embeddedJwk + "}", idClaims("id", exp), "SHA256withRSA", attacker.getPrivate()));
        moreForged.put("an access token", forged(kidHeader.formatted("RS256"), idClaims("access", exp), "SHA256withRSA", poolKey));
        Map<String, Object> future = new LinkedHashMap<>(idClaims("id", exp));
        future.put("iat", exp + 3600);
        moreForged.put("issued in the future", forged(kidHeader.formatted("RS256"), future, "SHA256withRSA", poolKey));
        String good = forged(kidHeader.formatted("RS256"), idClaims("id", exp), "SHA256withRSA", poolKey);
        String[] parts = good.split("\\.");
        Map<String, Object> otherUser = new LinkedHashMap<>(idClaims("id", exp));
        otherUser.put("sub", "someone-else");
        moreForged.put("tampered payload", parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new ObjectMapper().writeValueAsBytes(otherUser)) + "." + parts[2]);
        moreForged.put("truncated", parts[0] + "." + parts[1]);
        forgedHints = moreForged;

        forgedHints.forEach((reason, hint) -> {
            Response response = browser.get("/logout", Map.of("id_token_hint", hint,
                    "post_logout_redirect_uri", FakeUserPool.LOGOUT_URL));
            assertThat(response.statusCode()).as(reason).isEqualTo(400);
            assertThat(response.header("Location")).as(reason).isNull();
            assertThat(response.body().asString()).as(reason)
                    .contains("The id_token_hint is not a valid ID token of this user pool.");
        });

        String valid = idToken(FakeUserPool.signingKey(), ISSUER, FakeUserPool.KNOWN_CLIENT, exp);
        Response mismatchedClient = browser.get("/logout", Map.of("id_token_hint", valid,
                "client_id", FakeUserPool.SECOND_CLIENT, "post_logout_redirect_uri", FakeUserPool.LOGOUT_URL));
        assertThat(mismatchedClient.statusCode()).isEqualTo(400);
        Response unregistered = browser.get("/logout", Map.of("id_token_hint", valid,
                "post_logout_redirect_uri", "https://evil.example.net/"));
        assertThat(unregistered.statusCode()).isEqualTo(400);
        assertThat(stillSignedIn(browser)).isTrue();

        // the hand-made control: the same kind of token, signed properly, is accepted (each refusal above is its own check)
        Response accepted = browser.get("/logout", Map.of("id_token_hint", good, "post_logout_redirect_uri", FakeUserPool.LOGOUT_URL));
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(stillSignedIn(browser)).isFalse();
    }
}
