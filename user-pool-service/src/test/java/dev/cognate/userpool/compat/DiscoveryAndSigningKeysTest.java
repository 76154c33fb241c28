package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.userpool.SignedJson;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pool's discovery document and JWKS, and its signing keys: one key for concurrent first uses, and earlier
 * tokens still valid after a rotation.
 */
@QuarkusTest
class DiscoveryAndSigningKeysTest extends SignInFixture {

    @Test
    void discoveryAndJwksDescribeThePool() throws Exception {
        JsonNode discovery = get("/" + poolId + "/.well-known/openid-configuration");
        assertThat(discovery.path("_status").asInt()).isEqualTo(200);
        assertThat(discovery.path("issuer").asText()).isEqualTo("http://localhost:8081/" + poolId);
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo("http://localhost:8081/" + poolId + "/.well-known/jwks.json");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo("http://localhost:8081/oauth2/token");
        assertThat(discovery.path("userinfo_endpoint").asText()).isEqualTo("http://localhost:8081/oauth2/userInfo");
        assertThat(discovery.path("revocation_endpoint").asText()).isEqualTo("http://localhost:8081/oauth2/revoke");
        assertThat(discovery.path("subject_types_supported").toString()).isEqualTo("[\"public\"]");
        assertThat(discovery.path("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
        assertThat(discovery.path("scopes_supported").toString()).contains("openid");

        JsonNode keys = get("/" + poolId + "/.well-known/jwks.json");
        assertThat(keys.path("keys")).hasSize(1);
        JsonNode key = keys.path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(new BigInteger(1, java.util.Base64.getUrlDecoder().decode(key.path("n").asText())).bitLength()).isEqualTo(2048);

        JsonNode missing = get("/us-east-1_Nope12345/.well-known/jwks.json");
        assertThat(missing.path("_status").asInt()).isEqualTo(404);
        assertThat(get("/us-east-1_Nope12345/.well-known/openid-configuration").path("_status").asInt()).isEqualTo(404);
    }

    @Test
    void concurrentFirstUsesOfAPoolKeepOneSigningKey() {
        String fresh = newPool("first-key");
        List<io.smallrye.mutiny.Uni<String>> uses = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            uses.add(signingKeys.activeKey(fresh).map(dev.cognate.userpool.token.SigningKey::kid)
                    .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()));
        }
        List<String> kids = io.smallrye.mutiny.Uni.join().all(uses).andFailFast().await().indefinitely();
        assertThat(kids).hasSize(6).containsOnly(kids.get(0));
        assertThat(db.preparedQuery("SELECT count(*) FROM signing_keys WHERE user_pool_id = $1").execute(Tuple.of(fresh))
                .await().indefinitely().iterator().next().getLong(0)).isEqualTo(1);
        var sealed = db.preparedQuery("SELECT private_key FROM signing_keys WHERE user_pool_id = $1").execute(Tuple.of(fresh))
                .await().indefinitely().iterator().next().getBuffer(0).toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(sealed).doesNotContain("MII");
    }

    @Test
    void rotatedKeysKeepEarlierTokensValid() throws Exception {
        createUser("tina", true);
        AuthenticationResultType before = passwordAuth(clientId, "tina", PASSWORD).authenticationResult();
        String oldKid = kid(before.idToken());

        var rotated = SignedJson.callTarget(endpoint, "CognateAdmin.RotateSigningKey", "{\"UserPoolId\":\"" + poolId + "\"}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newKid = rotated.jsonPath().getString("Kid");
        assertThat(newKid).isNotEqualTo(oldKid);

        assertThat(jwks().getJsonWebKeys()).extracting(key -> key.getKeyId()).containsExactly(newKid, oldKid);
        assertThat(verify(before.idToken(), clientId).getClaimValue("cognito:username")).isEqualTo("tina");
        assertThat(anonymous.getUser(r -> r.accessToken(before.accessToken())).username()).isEqualTo("tina");

        AuthenticationResultType after = passwordAuth(clientId, "tina", PASSWORD).authenticationResult();
        assertThat(kid(after.idToken())).isEqualTo(newKid);
        assertThat(verify(after.accessToken(), null).getSubject()).isNotBlank();

        // once the retention (a day plus skew) has passed, the retired key leaves the JWKS
        db.preparedQuery("UPDATE signing_keys SET retired_at = now() - interval '1 day 6 minutes' WHERE user_pool_id = $1 AND kid = $2")
                .execute(Tuple.of(poolId, oldKid)).await().indefinitely();
        signingKeys.reloadPublishedKeys(poolId).await().indefinitely();
        assertThat(jwks().getJsonWebKeys()).extracting(key -> key.getKeyId()).containsExactly(newKid);
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(before.accessToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
    }
}
