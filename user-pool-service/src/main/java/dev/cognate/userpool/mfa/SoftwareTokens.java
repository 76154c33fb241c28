package dev.cognate.userpool.mfa;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.SoftwareTokenRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Users' TOTP authenticators: a new seed for AssociateSoftwareToken (sealed under the master key, bound to the pool and
 * the user), its verification by a first code (VerifySoftwareToken), and the codes of sign-ins — each accepted once only
 * (RFC 6238 §5.2): a code of a step not newer than the last accepted one is a replay.
 */
@ApplicationScoped
public class SoftwareTokens {

    /** What a sign-in code turned out to be. */
    public enum CodeCheck { ACCEPTED, WRONG, REPLAYED, NO_TOKEN }

    private final SoftwareTokenRepository tokens;
    private final SecretCipher cipher;
    private final Clock clock;

    public SoftwareTokens(SoftwareTokenRepository tokens, SecretCipher cipher, Clock clock) {
        this.tokens = tokens;
        this.cipher = cipher;
        this.clock = clock;
    }

    public static CognitoException notFound() {
        return new CognitoException("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user.");
    }

    /** AssociateSoftwareToken: a new pending seed for the user; answers its {@code SecretCode} (base32). */
    public Uni<String> associate(SqlClient sql, String poolId, UUID sub) {
        String secretCode = Totp.newSecretCode();
        byte[] sealed = cipher.encrypt(secretCode, sealContext(poolId, sub));
        return tokens.savePending(sql, poolId, sub, sealed, clock.instant()).replaceWith(secretCode);
    }

    /**
     * VerifySoftwareToken: whether {@code code} is a code of the pending seed; if it is, that seed becomes the user's
     * verified one, its step used. Without a pending seed: {@link #notFound()}.
     */
    public Uni<Boolean> verifyPending(SqlClient tx, String poolId, UUID sub, String code, String friendlyDeviceName) {
        return tokens.find(tx, poolId, sub, true).chain(found -> {
            if (found.isEmpty() || found.get().pendingSeed() == null) {
                return Uni.createFrom().failure(notFound());
            }
            String secretCode = cipher.decrypt(found.get().pendingSeed(), sealContext(poolId, sub));
            OptionalLong step = Totp.matchingStep(secretCode, code, clock.instant());
            if (step.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            return tokens.verifyPending(tx, poolId, sub, friendlyDeviceName, step.getAsLong(), clock.instant()).replaceWith(true);
        });
    }

    /** A sign-in's SOFTWARE_TOKEN_MFA_CODE against the user's verified seed; an accepted code's step is used up. */
    public Uni<CodeCheck> check(SqlClient tx, String poolId, UUID sub, String code) {
        return tokens.find(tx, poolId, sub, true).chain(found -> {
            if (found.isEmpty() || !found.get().verified()) {
                return Uni.createFrom().item(CodeCheck.NO_TOKEN);
            }
            String secretCode = cipher.decrypt(found.get().verifiedSeed(), sealContext(poolId, sub));
            OptionalLong step = Totp.matchingStep(secretCode, code, clock.instant());
            if (step.isEmpty()) {
                return Uni.createFrom().item(CodeCheck.WRONG);
            }
            return tokens.accept(tx, poolId, sub, step.getAsLong(), clock.instant())
                    .map(accepted -> accepted ? CodeCheck.ACCEPTED : CodeCheck.REPLAYED);
        });
    }

    /**
     * SetUserMFAPreference / AdminSetUserMFAPreference: software token MFA can be enabled or preferred only once the user
     * verified an authenticator — Cognito's {@code InvalidParameterException} otherwise.
     */
    public Uni<Void> requireVerifiedFor(SqlClient sql, User user, MfaPreferenceUpdate update) {
        if (!update.enablesSoftwareToken()) {
            return Uni.createFrom().voidItem();
        }
        return tokens.find(sql, user.userPoolId(), user.sub(), false).map(found -> {
            if (found.isEmpty() || !found.get().verified()) {
                throw CognitoException.invalidParameter("User has not set up software token mfa");
            }
            return null;
        });
    }

    /** The additional data the seed's seal is bound to: a seed copied to another user's row does not open. */
    public static String sealContext(String poolId, UUID sub) {
        return "software-token:" + poolId + ":" + sub;
    }
}
