package dev.cognate.userpool.federation.saml;

import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.SamlSpCredentialRepository;
import dev.cognate.userpool.repository.SamlSpCredentialRepository.Stored;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pools' SAML service provider credentials ({@link SpCredentials}), made on first use: concurrent first uses each
 * generate a pair, one insert wins (the table's primary key) and everyone reads the winner. Private keys are sealed with
 * {@link SecretCipher} under a context naming the pool and the key's use, so a sealed key copied to another row or
 * column does not open. Opened credentials are cached per instance (they never change once made).
 */
@ApplicationScoped
public class SpCredentialStore {

    /** The sealing contexts' uses (also what the master-key re-seal job rebuilds: rotation/UserPoolSealedColumns). */
    public static final String SIGNING = "signing";
    public static final String ENCRYPTION = "encryption";

    private final Pool db;
    private final UserPoolRepository pools;
    private final SamlSpCredentialRepository credentials;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Map<String, SpCredentials> opened = new ConcurrentHashMap<>();

    public SpCredentialStore(Pool db, UserPoolRepository pools, SamlSpCredentialRepository credentials, SecretCipher cipher, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.credentials = credentials;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The pool's credentials, made when it has none yet; an unknown pool → ResourceNotFoundException. */
    public Uni<SpCredentials> of(String userPoolId) {
        SpCredentials cached = opened.get(userPoolId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return pools.require(db, userPoolId)
                .chain(() -> credentials.find(db, userPoolId))
                .chain(found -> found.isPresent() ? Uni.createFrom().item(found.get()) : createFirst(userPoolId))
                .map(this::open)
                .invoke(open -> opened.put(userPoolId, open));
    }

    /** Forgets what this instance opened (a deleted pool's id never comes back, but tests drop rows). */
    public void forget(String userPoolId) {
        opened.remove(userPoolId);
    }

    private Uni<Stored> createFirst(String userPoolId) {
        // RSA key generation costs tens of milliseconds each: never on the event loop.
        return Uni.createFrom().item(() -> seal(userPoolId,
                        SelfSignedCertificates.generate(userPoolId, "SAML signing", clock.instant()),
                        SelfSignedCertificates.generate(userPoolId, "SAML encryption", clock.instant())))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(fresh -> credentials.insertIfAbsent(db, fresh))
                .chain(() -> credentials.find(db, userPoolId))
                .map(found -> found.orElseThrow(() -> UserPool.notFound(userPoolId)));
    }

    private Stored seal(String userPoolId, SelfSignedCertificates.KeyAndCertificate signing,
                        SelfSignedCertificates.KeyAndCertificate encryption) {
        try {
            return new Stored(userPoolId, signing.certificate().getEncoded(), sealKey(userPoolId, SIGNING, signing.privateKey()),
                    encryption.certificate().getEncoded(), sealKey(userPoolId, ENCRYPTION, encryption.privateKey()), clock.instant());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sealKey(String userPoolId, String use, PrivateKey key) {
        return cipher.encrypt(Base64.getEncoder().encodeToString(key.getEncoded()), context(userPoolId, use));
    }

    private SpCredentials open(Stored stored) {
        return new SpCredentials(stored.userPoolId(),
                SelfSignedCertificates.parse(stored.signingCertificate()), openKey(stored.userPoolId(), SIGNING, stored.sealedSigningKey()),
                SelfSignedCertificates.parse(stored.encryptionCertificate()),
                openKey(stored.userPoolId(), ENCRYPTION, stored.sealedEncryptionKey()));
    }

    private PrivateKey openKey(String userPoolId, String use, byte[] sealed) {
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(cipher.decrypt(sealed, context(userPoolId, use)));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored SAML key unreadable", e);
        }
    }

    /** The sealing context of a pool's key for {@code use} ({@link #SIGNING} or {@link #ENCRYPTION}). */
    public static String context(String userPoolId, String use) {
        return "saml-sp-key/" + userPoolId + "/" + use;
    }
}
