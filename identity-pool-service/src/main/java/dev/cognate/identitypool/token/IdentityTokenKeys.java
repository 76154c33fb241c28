package dev.cognate.identitypool.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.secrets.MasterKeyCipher;
import dev.cognate.tokens.CachingJwksSource;
import dev.cognate.tokens.JwksSource;
import dev.cognate.tokens.JwtSigner;
import dev.cognate.tokens.PublicJwk;
import dev.cognate.tokens.PublicKeys;
import dev.cognate.tokens.SigningAlgorithm;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The RS512 keys of identity OpenID tokens, kept in {@code identity_token_keys} (private key sealed under the master
 * key) so every replica signs with the same key and a restart changes nothing. The first token creates the key; the
 * newest key signs; all are published ({@link #jwks()}) and verify ({@link #verificationKeys()}).
 */
@ApplicationScoped
public class IdentityTokenKeys {

    static final SigningAlgorithm ALGORITHM = SigningAlgorithm.RS512;
    private static final String CONTEXT = "identity-token-signing-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool db;
    private final MasterKeyCipher cipher;
    private final Clock clock;
    private final CachingJwksSource verificationKeys;
    private volatile JwtSigner signer;

    public IdentityTokenKeys(Pool db, MasterKeyCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        this.verificationKeys = new CachingJwksSource(() -> jwks().map(PublicKeys::ofJwks).subscribeAsCompletionStage(),
                Duration.ofMinutes(5), Duration.ofSeconds(5), clock);
    }

    /** The signer of the newest key, creating the first key when there is none. */
    public Uni<JwtSigner> signer() {
        JwtSigner current = signer;
        if (current != null) {
            return Uni.createFrom().item(current);
        }
        return newest().chain(found -> found != null ? Uni.createFrom().item(found) : create().chain(this::newest))
                .invoke(loaded -> signer = loaded);
    }

    /** Every published key as its public JWK, newest first. */
    public Uni<List<ObjectNode>> jwks() {
        return db.preparedQuery("SELECT public_jwk FROM identity_token_keys ORDER BY created_at DESC, kid").execute()
                .map(rows -> {
                    List<ObjectNode> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(PublicJwk.of(row.getJsonObject("public_jwk").getString("kid"), ALGORITHM,
                            PublicJwk.publicKey(json(row.getJsonObject("public_jwk"))))));
                    return keys;
                });
    }

    public JwksSource verificationKeys() {
        return verificationKeys;
    }

    private Uni<JwtSigner> newest() {
        return db.preparedQuery("SELECT kid, private_key FROM identity_token_keys ORDER BY created_at DESC, kid LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? null : signerOf(rows.iterator().next()));
    }

    private JwtSigner signerOf(Row row) {
        String kid = row.getString("kid");
        byte[] pkcs8 = Base64.getDecoder().decode(cipher.decrypt(row.getBuffer("private_key").getBytes(), CONTEXT + ":" + kid));
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return JwtSigner.of(ALGORITHM, kid, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("identity token key " + kid + " is unreadable", e);
        }
    }

    private Uni<Void> create() {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            return Uni.createFrom().failure(new IllegalStateException(e));
        }
        String kid = UUID.randomUUID().toString();
        byte[] sealed = cipher.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), CONTEXT + ":" + kid);
        ObjectNode jwk = PublicJwk.of(kid, ALGORITHM, pair.getPublic());
        return db.preparedQuery("INSERT INTO identity_token_keys (kid, private_key, public_jwk, created_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(kid, Buffer.buffer(sealed), new JsonObject(jwk.toString()),
                        clock.instant().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static ObjectNode json(JsonObject object) {
        try {
            return (ObjectNode) JSON.readTree(object.encode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
