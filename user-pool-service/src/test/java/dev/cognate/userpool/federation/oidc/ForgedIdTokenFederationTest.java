package dev.cognate.userpool.federation.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cognate.userpool.api.HostedUiApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ID tokens a real OpenID Provider will not make, from a stand-in OIDC provider (discovery, token, userInfo, JWKS; see
 * {@link SocialProviderStandIn}) whose token endpoint answers what each test forged. Each is refused with the check it
 * fails, and nobody is signed in.
 */
@QuarkusTest
@TestProfile(FederationTestProfile.class)
class ForgedIdTokenFederationTest extends FederationFixture {

    private static final String SECRET = "forged-client-secret-of-at-least-32-bytes!";

    private SocialProviderStandIn provider;
    private String clientId;

    @BeforeEach
    void forgedProvider() throws Exception {
        provider = SocialProviderStandIn.get();
        provider.forgedUserInfoSub = SocialProviderStandIn.Grant::subject;
        clientId = clientFor("Forged", IdentityProviderTypeType.OIDC, Map.of("client_id", SocialProviderStandIn.FORGED_CLIENT,
                "client_secret", SECRET, "authorize_scopes", "openid email", "oidc_issuer", SocialProviderStandIn.forgedIssuer(),
                "attributes_request_method", "POST"), Map.of("email", "email"));
    }

    private Response signInWith(Function<SocialProviderStandIn.Grant, String> idToken) {
        provider.forgedIdToken = idToken;
        String federationId = newFederationId();
        String location = startedAt(clientId, "Forged", federationId);
        return callback(clientId, provider.authorize("forged", location, "user-1", "u1@example.com", null), federationId);
    }

    private void refused(Function<SocialProviderStandIn.Grant, String> idToken, String reason) {
        int before = recorded.count();
        HostedUiApi.assertError(signInWith(idToken), 400, "NotAuthorizedException",
                "Invalid ID token from the identity provider Forged: " + reason + ".");
        assertThat(recorded.count()).isEqualTo(before);
    }

    @Test
    void aWellFormedTokenSignsIn() {
        Response signedIn = signInWith(grant -> provider.forgedToken(provider.goodClaims(grant).build()));

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("Forged_user-1");
        assertThat(recorded.last().identity().attributes()).containsEntry("email", "u1@example.com");
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderTheProvidersKidIsRefused() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("forged-1").generate();
        refused(grant -> sign(provider.goodClaims(grant).build(), JWSAlgorithm.RS256, impostor), "the signature does not verify");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refused(grant -> provider.forgedToken(provider.goodClaims(grant).audience("someone-else").build()), "the audience is not the client id");
    }

    @Test
    void severalAudiencesNeedTheClientAsAuthorizedParty() {
        refused(grant -> provider.forgedToken(provider.goodClaims(grant).audience(List.of(SocialProviderStandIn.FORGED_CLIENT, "other"))
                .claim("azp", "other").build()), "azp is not the client id");
    }

    @Test
    void anExpiredTokenIsRefused() {
        refused(grant -> provider.forgedToken(provider.goodClaims(grant).expirationTime(new Date(System.currentTimeMillis() - 1000)).build()),
                "it has expired");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        refused(grant -> provider.forgedToken(provider.goodClaims(grant).issuer("https://accounts.example.com").build()),
                "the issuer is not the provider");
    }

    @Test
    void aTokenIssuedBeforeTheSignInStartedIsRefused() {
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        refused(grant -> provider.forgedToken(provider.goodClaims(grant).issueTime(new Date(hourAgo)).build()),
                "it was issued before this sign-in started");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        refused(grant -> {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            return base64.encodeToString("{\"alg\":\"none\",\"kid\":\"forged-1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString(provider.goodClaims(grant).build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
        }, "its algorithm is not allowed (RS, PS, ES, or HS with the client secret)");
    }

    @Test
    void anHmacTokenKeyedWithTheClientSecretSignsInAsCognitoAllows() {
        Response signedIn = signInWith(grant -> hmac(provider.goodClaims(grant).build(), JWSAlgorithm.HS256, SECRET));

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("Forged_user-1");
    }

    @Test
    void anHmacTokenKeyedWithAnythingElseIsRefused() {
        refused(grant -> hmac(provider.goodClaims(grant).build(), JWSAlgorithm.HS256, "another-secret-of-at-least-32-bytes-long!!"),
                "the signature does not verify");
        // HS512 needs a 64-byte key: this client secret is shorter, so it cannot key it
        refused(grant -> hmac(provider.goodClaims(grant).build(), JWSAlgorithm.HS512, SECRET + SECRET),
                "its key does not fit its algorithm (an HS key must be as long as its hash)");
        refused(grant -> hmac(provider.goodClaims(grant).audience("someone-else").build(), JWSAlgorithm.HS256, SECRET),
                "the audience is not the client id");
    }

    private static String hmac(JWTClaimsSet claims, JWSAlgorithm algorithm, String key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).build(), claims);
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTokenWithAnUnknownKidIsRefused() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("not-published").generate();
        refused(grant -> sign(provider.goodClaims(grant).build(), JWSAlgorithm.RS256, other), "no key of the provider's JWKS has its kid");
    }

    @Test
    void userInfoOfAnotherUserIsNotUsed() {
        provider.forgedUserInfoSub = grant -> "someone-else";
        int before = recorded.count();

        HostedUiApi.assertError(signInWith(grant -> provider.forgedToken(provider.goodClaims(grant).build())), 400, "NotAuthorizedException",
                "Unexpected answer from the identity provider Forged: the sub of userInfo is not the sub of the ID token.");
        assertThat(recorded.count()).isEqualTo(before);
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
