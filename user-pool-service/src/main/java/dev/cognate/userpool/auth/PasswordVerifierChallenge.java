package dev.cognate.userpool.auth;

import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.crypto.Srp;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.service.SrpVerifierStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code PASSWORD_VERIFIER} (second step of USER_SRP_AUTH): PASSWORD_CLAIM_SECRET_BLOCK must be the block sent,
 * TIMESTAMP is "EEE MMM d HH:mm:ss 'UTC' yyyy" (US), and PASSWORD_CLAIM_SIGNATURE must equal HMAC-SHA256 over
 * poolName | USER_ID_FOR_SRP | secret block | timestamp under the key derived from the shared secret. A wrong
 * signature is a wrong password: it counts towards the lockout. Inside the custom authentication flow (SRP_A, then
 * DefineAuthChallenge named PASSWORD_VERIFIER) the result is not the end: it joins the flow's history and
 * DefineAuthChallenge decides ({@link CustomAuthSteps#afterPasswordVerifier}).
 */
@ApplicationScoped
public class PasswordVerifierChallenge implements ChallengeHandler {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US);

    private final Pool db;
    private final SrpVerifierStore verifiers;
    private final SignInAudit audit;
    private final PasswordSignIn passwords;
    private final SignInCompletion completion;
    private final SecretCipher cipher;
    private final CustomAuthSteps customSteps;

    public PasswordVerifierChallenge(Pool db, SrpVerifierStore verifiers, SignInAudit audit, PasswordSignIn passwords,
                                     SignInCompletion completion, SecretCipher cipher, CustomAuthSteps customSteps) {
        this.cipher = cipher;
        this.customSteps = customSteps;
        this.db = db;
        this.verifiers = verifiers;
        this.audit = audit;
        this.passwords = passwords;
        this.completion = completion;
    }

    @Override
    public String challengeName() {
        return UserSrpAuthFlow.PASSWORD_VERIFIER;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        String signature = AuthParameters.require(context, "PASSWORD_CLAIM_SIGNATURE");
        String block = AuthParameters.require(context, "PASSWORD_CLAIM_SECRET_BLOCK");
        String timestamp = AuthParameters.require(context, "TIMESTAMP");
        checkTimestamp(timestamp);
        boolean custom = CustomAuthState.isCustom(session);
        if (session.sub() == null) {
            return custom ? customSteps.afterPasswordVerifier(context, session, null, false) : passwords.unknownUser(context, session.username());
        }
        // the user and its verifier as they are now (one statement): a password set since the first step fails the sign-in
        return verifiers.findBySub(db, context.pool().id(), session.sub()).chain(found -> {
            if (found.isEmpty()) {
                return custom ? customSteps.afterPasswordVerifier(context, session, null, false)
                        : passwords.unknownUser(context, session.username());
            }
            User user = found.get().user();
            Optional<SrpVerifierStore.Verifier> verifier = found.get().verifier();
            return audit.checkNotLocked(context, user)
                    .chain(() -> verifier.isEmpty() || !MessageDigest.isEqual(block.getBytes(StandardCharsets.UTF_8),
                            session.data().get("secretBlock").getBytes(StandardCharsets.UTF_8))
                            ? Uni.createFrom().item(false)
                            : Uni.createFrom().item(() -> signatureMatches(context.pool().id(), session,
                                    UserSrpAuthFlow.openPrivate(cipher, context.pool().id(), session.data().get("b")), verifier.get(), timestamp, signature))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                    .chain(matches -> custom ? customSteps.afterPasswordVerifier(context, session, user, matches)
                            : (matches ? passwords.checkAccount(context, user) : audit.<User>wrongPassword(context, user))
                                    .chain(accepted -> completion.afterFirstFactor(context, accepted)));
        });
    }

    static boolean signatureMatches(String poolId, AuthSession session, BigInteger b, SrpVerifierStore.Verifier verifier, String timestamp,
                                    String signature) {
        BigInteger a = Srp.parseHex(session.data().get("A"));
        BigInteger bPublic = Srp.parseHex(session.data().get("B"));
        BigInteger u = Srp.u(a, bPublic);
        if (u.signum() == 0) {
            return false;
        }
        byte[] key = Srp.hkdf(Srp.serverSecret(a, verifier.v(), u, b), u);
        byte[] expected = Srp.claimSignature(key, Srp.poolName(poolId), session.data().get("userIdForSrp"),
                Base64.getDecoder().decode(session.data().get("secretBlock")), timestamp);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private static void checkTimestamp(String timestamp) {
        try {
            ZonedDateTime.parse(timestamp, TIMESTAMP.withZone(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw dev.cognate.awsprotocol.CognitoException.invalidParameter("TIMESTAMP format is invalid");
        }
    }
}
