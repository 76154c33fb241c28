package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.crypto.Srp;
import dev.cognate.userpool.domain.Device;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.DeviceRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.trigger.PreTokenGenerationTrigger;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * {@code DEVICE_PASSWORD_VERIFIER}: the device proves it holds the secret behind its verifier — PASSWORD_CLAIM_SIGNATURE
 * = HMAC-SHA256 over device group key | device key | secret block | TIMESTAMP under the SRP key — and the sign-in ends
 * without its MFA step (the remembered device was the second factor). A wrong signature is refused ("Incorrect username or
 * password.") and counts like a wrong password; the session is then used up, so the sign-in starts again.
 */
@ApplicationScoped
public class DevicePasswordVerifierChallenge implements ChallengeHandler {

    private final Pool db;
    private final UserRepository users;
    private final DeviceRepository devices;
    private final DeviceSrpAuthChallenge deviceSrp;
    private final SignInAudit audit;
    private final PasswordSignIn passwords;
    private final SignInCompletion completion;
    private final SecretCipher cipher;

    public DevicePasswordVerifierChallenge(Pool db, UserRepository users, DeviceRepository devices, DeviceSrpAuthChallenge deviceSrp,
                                           SignInAudit audit, PasswordSignIn passwords, SignInCompletion completion, SecretCipher cipher) {
        this.db = db;
        this.users = users;
        this.devices = devices;
        this.deviceSrp = deviceSrp;
        this.audit = audit;
        this.passwords = passwords;
        this.completion = completion;
        this.cipher = cipher;
    }

    @Override
    public String challengeName() {
        return RememberedDevices.DEVICE_PASSWORD_VERIFIER;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        String signature = AuthParameters.require(context, "PASSWORD_CLAIM_SIGNATURE");
        String block = AuthParameters.require(context, "PASSWORD_CLAIM_SECRET_BLOCK");
        String timestamp = AuthParameters.require(context, "TIMESTAMP");
        String deviceKey = AuthParameters.require(context, RememberedDevices.DEVICE_KEY);
        checkTimestamp(timestamp);
        if (!deviceKey.equals(session.data().get("deviceKey"))) {
            return Uni.createFrom().failure(Device.notFound());
        }
        return users.findBySub(db, context.pool().id(), session.sub(), false).chain(found -> {
            if (found.isEmpty()) {
                return passwords.unknownUser(context, session.username());
            }
            User user = found.get();
            return audit.checkNotLocked(context, user)
                    .chain(() -> devices.find(db, user.userPoolId(), user.sub(), deviceKey, false))
                    .chain(device -> {
                        if (device.isEmpty() || !device.get().remembered()) {
                            return Uni.createFrom().failure(Device.notFound());
                        }
                        if (!MessageDigest.isEqual(block.getBytes(StandardCharsets.UTF_8),
                                session.data().get("secretBlock").getBytes(StandardCharsets.UTF_8))) {
                            return Uni.createFrom().item(false);
                        }
                        return Uni.createFrom().item(() -> signatureMatches(session, device.get(), timestamp, signature))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                    })
                    .chain(matches -> matches ? passwords.checkAccount(context, user)
                            .chain(accepted -> completion.finish(context, accepted, PreTokenGenerationTrigger.Source.AUTHENTICATE_DEVICE))
                            : audit.<AuthResponse>wrongPassword(context, user));
        });
    }

    private boolean signatureMatches(AuthSession session, Device device, String timestamp, String signature) {
        BigInteger a = new BigInteger(session.data().get("A"), 16);
        BigInteger bPublic = new BigInteger(session.data().get("B"), 16);
        BigInteger b = DeviceSrpAuthChallenge.openPrivate(cipher, session.userPoolId(), session.data().get("b"));
        BigInteger u = Srp.u(a, bPublic);
        if (u.signum() == 0) {
            return false;
        }
        byte[] key = Srp.hkdf(Srp.serverSecret(a, deviceSrp.verifier(device), u, b), u);
        byte[] expected = Srp.claimSignature(key, device.deviceGroupKey(), device.deviceKey(),
                Base64.getDecoder().decode(session.data().get("secretBlock")), timestamp);
        try {
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkTimestamp(String timestamp) {
        try {
            ZonedDateTime.parse(timestamp, PasswordVerifierChallenge.TIMESTAMP.withZone(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw CognitoException.invalidParameter("TIMESTAMP format is invalid");
        }
    }
}
