package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.token.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GetUser, through the AWS SDK, with access tokens forged or altered by hand (the JDK signs, not our code): each is
 * refused with Cognito's {@code NotAuthorizedException} "Invalid Access Token" — and the same claims signed properly
 * are accepted, so each refusal is the one check it names.
 */
@QuarkusTest
class ForgedAccessTokenTest extends SignInFixture {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private SigningKey poolKey;
    private ObjectNode claims;

    @BeforeEach
    void signIn() throws Exception {
        createUser("forge", true);
        String accessToken = passwordAuth(clientId, "forge", PASSWORD).authenticationResult().accessToken();
        claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        poolKey = signingKeys.activeKey(poolId).await().indefinitely();
    }

    private static String b64(Object json) throws Exception {
        return B64.encodeToString(json instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(json));
    }

    private static String header(String kid, String alg) {
        return "{\"kid\":" + (kid == null ? "null" : "\"" + kid.replace("\\", "\\\\").replace("\"", "\\\"") + "\"") + ",\"alg\":\"" + alg + "\"}";
    }

    private static String signed(String header, ObjectNode claims, String jdkAlgorithm, PrivateKey key) throws Exception {
        String input = b64(header) + "." + b64(claims);
        Signature signer = Signature.getInstance(jdkAlgorithm);
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signer.sign());
    }

    private String rs256(ObjectNode claims) throws Exception {
        return signed(header(poolKey.kid(), "RS256"), claims, "SHA256withRSA", poolKey.privateKey());
    }

    private ObjectNode with(String name, Object value) {
        ObjectNode changed = claims.deepCopy();
        changed.set(name, JSON.valueToTree(value));
        return changed;
    }

    private void refused(String reason, String token, String message) {
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(token))).as(reason)
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith(message);
    }

    @Test
    void theHandSignedControlIsAccepted() throws Exception {
        String control = rs256(claims);
        assertThat(anonymous.getUser(r -> r.accessToken(control)).username()).isEqualTo("forge");
    }

    @Test
    void refusesForgedAndAlteredAccessTokens() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var attacker = generator.generateKeyPair();
        long now = Instant.now().getEpochSecond();
        String otherPool = newPool("other");
        String realToken = rs256(claims);
        String[] parts = realToken.split("\\.");
        byte[] publicJwk = jwks().getJsonWebKeys().get(0).toJson().getBytes(StandardCharsets.UTF_8);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(publicJwk, "HmacSHA256"));
        String hsInput = b64(header(poolKey.kid(), "HS256")) + "." + b64(claims);

        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", b64(header(poolKey.kid(), "none")) + "." + b64(claims) + ".");
        forged.put("HS256 keyed with the published JWK", hsInput + "." + B64.encodeToString(hmac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII))));
        forged.put("RS512 by the pool's own key", signed(header(poolKey.kid(), "RS512"), claims, "SHA512withRSA", poolKey.privateKey()));
        forged.put("signed by another key", signed(header(poolKey.kid(), "RS256"), claims, "SHA256withRSA", attacker.getPrivate()));
        forged.put("unknown kid", signed(header("unknown", "RS256"), claims, "SHA256withRSA", poolKey.privateKey()));
        forged.put("kid with SQL", signed(header(poolKey.kid() + "' OR '1'='1", "RS256"), claims, "SHA256withRSA", poolKey.privateKey()));
        forged.put("kid with a path", signed(header("../../" + poolKey.kid(), "RS256"), claims, "SHA256withRSA", poolKey.privateKey()));
        forged.put("no kid", signed(header(null, "RS256"), claims, "SHA256withRSA", poolKey.privateKey()));
        String attackerJwk = new org.jose4j.jwk.RsaJsonWebKey((java.security.interfaces.RSAPublicKey) attacker.getPublic()).toJson();
        forged.put("attacker's key embedded as jwk", signed("{\"kid\":\"" + poolKey.kid() + "\",\"alg\":\"RS256\",\"jwk\":" + attackerJwk + "}",
                claims, "SHA256withRSA", attacker.getPrivate()));
        forged.put("issued by another pool", rs256(with("iss", claims.path("iss").asText().replace(poolId, otherPool))));
        forged.put("issued by another host", rs256(with("iss", "https://evil.example.net/" + poolId)));
        forged.put("an ID token's token_use", rs256(with("token_use", "id")));
        forged.put("issued an hour from now", rs256(with("iat", now + 3600)));
        forged.put("not valid for an hour", rs256(with("nbf", now + 3600)));
        forged.put("no exp", rs256((ObjectNode) claims.deepCopy().without("exp")));
        forged.put("tampered payload", parts[0] + "." + b64(with("username", "admin")) + "." + parts[2]);
        forged.put("truncated", parts[0] + "." + parts[1]);
        forged.put("truncated signature", realToken.substring(0, realToken.length() - 6));

        forged.forEach((reason, token) -> refused(reason, token, "Invalid Access Token"));
        refused("expired", rs256(with("exp", now - 1)), "Access Token has expired");
        assertThat(anonymous.getUser(r -> r.accessToken(realToken)).username()).isEqualTo("forge");
    }
}
