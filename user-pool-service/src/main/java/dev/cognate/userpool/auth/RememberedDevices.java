package dev.cognate.userpool.auth;

import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.domain.Device;
import dev.cognate.userpool.domain.DeviceSettings;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.DeviceRepository;
import dev.cognate.userpool.repository.DeviceRepository.FamilyDevice;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sign-in side of remembered devices, in a pool with {@code DeviceConfiguration}. At the end of a sign-in through the
 * API ({@link #atSignIn}): the {@code DEVICE_KEY} the request names, when it is a confirmed device of the user (its
 * last-authenticated date and address updated), else a new device key and group key ({@code NewDeviceMetadata}); either
 * way bound to the sign-in's refresh-token family, so the access tokens carry it ({@code device_key}) and its refreshes
 * keep it. Before the MFA step ({@link #insteadOfMfa}): with {@code ChallengeRequiredOnNewDevice}, a remembered device of
 * the user stands in for the second factor through {@code DEVICE_SRP_AUTH}; an unknown, forgotten or not remembered device
 * leaves the MFA step as it was. The hosted login (no DEVICE_KEY, no tokens) remembers no device.
 */
@ApplicationScoped
public class RememberedDevices {

    public static final String DEVICE_SRP_AUTH = "DEVICE_SRP_AUTH";
    public static final String DEVICE_PASSWORD_VERIFIER = "DEVICE_PASSWORD_VERIFIER";
    static final String DEVICE_KEY = "DEVICE_KEY";

    private final Pool db;
    private final DeviceRepository devices;
    private final AuthSessionStore sessions;
    private final CognateConfig config;
    private final Clock clock;

    public RememberedDevices(Pool db, DeviceRepository devices, AuthSessionStore sessions, CognateConfig config, Clock clock) {
        this.db = db;
        this.devices = devices;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The DEVICE_SRP_AUTH challenge in place of {@code mfaStep}, when the request names a remembered device of the user and
     * the pool lets remembered devices skip MFA; empty otherwise (the MFA step is asked). MFA_SETUP is never skipped: a user
     * without a second factor has none a device could stand in for.
     */
    public Uni<Optional<AuthResponse>> insteadOfMfa(AuthContext context, User user, String mfaStep) {
        String deviceKey = context.parameter(DEVICE_KEY);
        DeviceSettings settings = DeviceSettings.of(context.pool());
        if (deviceKey == null || context.hostedLogin() || !settings.challengeRequiredOnNewDevice() || MfaChallenges.MFA_SETUP.equals(mfaStep)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return devices.find(db, user.userPoolId(), user.sub(), deviceKey, false).chain(found -> {
            if (found.isEmpty() || !found.get().remembered()) {
                return Uni.createFrom().item(Optional.<AuthResponse>empty());
            }
            AuthSession session = new AuthSession(user.userPoolId(), context.client().clientId(), user.sub(), user.username(),
                    context.authFlow(), DEVICE_SRP_AUTH, clock.instant().getEpochSecond(), Map.of("deviceKey", deviceKey));
            return sessions.create(context.client(), session)
                    .map(id -> Optional.of(AuthResponse.challenge(DEVICE_SRP_AUTH, id, Map.of("USERNAME", user.username()))));
        });
    }

    /**
     * In the sign-in's transaction, before its family is opened: the device this sign-in is on — the confirmed device of
     * the user the request names (its sign-in recorded), or a new one — or null when the pool tracks no devices or the
     * sign-in is the hosted login's.
     */
    public Uni<FamilyDevice> atSignIn(SqlClient tx, AuthContext context, User user) {
        if (context.hostedLogin() || !DeviceSettings.of(context.pool()).tracked()) {
            return Uni.createFrom().nullItem();
        }
        String deviceKey = context.parameter(DEVICE_KEY);
        Uni<Optional<Device>> known = deviceKey == null ? Uni.createFrom().item(Optional.empty())
                : devices.find(tx, user.userPoolId(), user.sub(), deviceKey, false);
        return known.chain(found -> {
            if (found.isPresent()) {
                Device device = found.get();
                return devices.signedIn(tx, user.userPoolId(), device.deviceKey(), clock.instant(), context.sourceIp())
                        .replaceWith(new FamilyDevice(device.deviceKey(), device.deviceGroupKey(), false));
            }
            return Uni.createFrom().item(new FamilyDevice(Device.newKey(config.region()), Device.newGroupKey(), true));
        });
    }

    /** Binds the sign-in's device ({@link #atSignIn}; null: none) to its just opened refresh-token family. */
    public Uni<Void> bind(SqlClient tx, UUID family, FamilyDevice device) {
        return device == null ? Uni.createFrom().voidItem() : devices.bindFamily(tx, family, device);
    }

    /**
     * The device key a refresh of {@code family} keeps in its access token: the family's device, or null when its sign-in
     * was on none. A DEVICE_KEY naming another device than the family's is "Invalid Refresh Token" (the tokens belong to
     * one device, as Cognito); the refresh tokens of a forgotten device's families were revoked with it.
     */
    public Uni<String> ofRefresh(AuthContext context, UUID family) {
        String given = context.parameter(DEVICE_KEY);
        return devices.familyDevice(db, family).map(device -> {
            if (device.isPresent() && given != null && !given.equals(device.get().deviceKey())) {
                throw dev.cognate.userpool.token.RefreshTokens.invalid();
            }
            return device.map(FamilyDevice::deviceKey).orElse(null);
        });
    }

    /** What the sign-in's answer carries: the new device's keys, none for a known device (or no tracking). */
    public static AuthResponse.NewDeviceMetadata newDeviceMetadata(FamilyDevice device) {
        return device == null || !device.newDevice() ? null : new AuthResponse.NewDeviceMetadata(device.deviceKey(), device.deviceGroupKey());
    }
}
