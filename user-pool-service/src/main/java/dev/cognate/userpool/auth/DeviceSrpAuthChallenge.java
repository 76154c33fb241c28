package dev.cognate.userpool.auth;

import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.crypto.Srp;
import dev.cognate.userpool.domain.Device;
import dev.cognate.userpool.repository.DeviceRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DEVICE_SRP_AUTH} (a remembered device in place of the MFA step, see {@link RememberedDevices}): DEVICE_KEY (the
 * device the challenge was issued for) and SRP_A → {@code DEVICE_PASSWORD_VERIFIER} with SRP_B, SALT, SECRET_BLOCK,
 * USERNAME and DEVICE_KEY. The SRP is amazon-cognito-identity-js's device SRP: the user SRP's group and encodings, the
 * device group key as the "pool name", the device key as the user id, the verifier ConfirmDevice stored. A device
 * forgotten (or no longer remembered) since the challenge is "Device does not exist.".
 */
@ApplicationScoped
public class DeviceSrpAuthChallenge implements ChallengeHandler {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool db;
    private final DeviceRepository devices;
    private final AuthSessionStore sessions;
    private final SecretCipher cipher;
    private final Clock clock;

    public DeviceSrpAuthChallenge(Pool db, DeviceRepository devices, AuthSessionStore sessions, SecretCipher cipher, Clock clock) {
        this.db = db;
        this.devices = devices;
        this.sessions = sessions;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public String challengeName() {
        return RememberedDevices.DEVICE_SRP_AUTH;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        String deviceKey = AuthParameters.require(context, RememberedDevices.DEVICE_KEY);
        BigInteger a = UserSrpAuthFlow.clientPublic(AuthParameters.require(context, "SRP_A"));
        if (!deviceKey.equals(session.data().get("deviceKey"))) {
            return Uni.createFrom().failure(Device.notFound());
        }
        return devices.find(db, session.userPoolId(), session.sub(), deviceKey, false).chain(found -> {
            if (found.isEmpty() || !found.get().remembered()) {
                return Uni.createFrom().failure(Device.notFound());
            }
            Device device = found.get();
            return Uni.createFrom().item(() -> {
                        BigInteger v = verifier(device);
                        BigInteger b = Srp.randomPrivate();
                        return new BigInteger[] {b, Srp.serverPublic(v, b)};
                    })
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(values -> verifierChallenge(context, session, device, a, values[0], values[1]));
        });
    }

    private Uni<AuthResponse> verifierChallenge(AuthContext context, AuthSession session, Device device, BigInteger a, BigInteger b,
                                                BigInteger bPublic) {
        byte[] secretBlock = new byte[64];
        RANDOM.nextBytes(secretBlock);
        String block = Base64.getEncoder().encodeToString(secretBlock);
        Map<String, String> data = Map.of("deviceKey", device.deviceKey(), "A", a.toString(16), "B", bPublic.toString(16),
                "b", Base64.getEncoder().encodeToString(cipher.encrypt(b.toString(16), privateContext(session.userPoolId()))),
                "secretBlock", block);
        AuthSession next = new AuthSession(session.userPoolId(), session.clientId(), session.sub(), session.username(), session.authFlow(),
                RememberedDevices.DEVICE_PASSWORD_VERIFIER, clock.instant().getEpochSecond(), data);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("SRP_B", bPublic.toString(16));
        parameters.put("SALT", device.saltHex());
        parameters.put("SECRET_BLOCK", block);
        parameters.put("USERNAME", session.username());
        parameters.put("DEVICE_KEY", device.deviceKey());
        return sessions.create(context.client(), next)
                .map(id -> AuthResponse.challenge(RememberedDevices.DEVICE_PASSWORD_VERIFIER, id, parameters));
    }

    /** The device's SRP verifier v, as ConfirmDevice stored it (the big-endian bytes of v, Base64, then sealed). */
    BigInteger verifier(Device device) {
        String base64 = cipher.decrypt(device.sealedVerifier(), Device.verifierContext(device.userPoolId(), device.deviceKey()));
        return new BigInteger(1, Base64.getDecoder().decode(base64));
    }

    static BigInteger openPrivate(SecretCipher cipher, String poolId, String sealed) {
        return new BigInteger(cipher.decrypt(Base64.getDecoder().decode(sealed), privateContext(poolId)), 16);
    }

    private static String privateContext(String poolId) {
        return "device-srp-session/" + poolId;
    }
}
