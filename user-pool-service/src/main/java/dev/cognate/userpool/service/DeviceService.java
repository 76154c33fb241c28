package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.Device;
import dev.cognate.userpool.domain.DeviceSettings;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.DeviceRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A user's remembered devices: ConfirmDevice (the device a sign-in issued, with its SRP verifier), and reading, marking
 * and forgetting them — by the signed-in user (access token) or by an administrator (pool and username). A device key that
 * names no device of that user (another user's included) is "Device does not exist.". Forgetting a device revokes the
 * refresh-token families of its sign-ins, so its refresh tokens and access tokens stop working.
 */
@ApplicationScoped
public class DeviceService {

    /** One page of devices and the token of the next, null after the last. */
    public record Page(List<Device> devices, String paginationToken) {
    }

    private final Pool db;
    private final SignedInUsers signedIn;
    private final UserPoolRepository pools;
    private final UserStore users;
    private final DeviceRepository devices;
    private final SecretCipher cipher;
    private final Clock clock;

    public DeviceService(Pool db, SignedInUsers signedIn, UserPoolRepository pools, UserStore users, DeviceRepository devices, SecretCipher cipher,
                         Clock clock) {
        this.db = db;
        this.signedIn = signedIn;
        this.pools = pools;
        this.users = users;
        this.devices = devices;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * ConfirmDevice: {@code deviceKey} must be the device the access token's sign-in was issued (its refresh-token family's);
     * stores the verifier (sealed) and salt. Answers {@code UserConfirmationNecessary}: true when the pool remembers devices
     * only on the user's prompt (the device stays not remembered until UpdateDeviceStatus), else it is remembered at once.
     */
    public Uni<Boolean> confirmDevice(String accessToken, String deviceKey, String passwordVerifier, String salt, String deviceName) {
        BigInteger verifier = positive(passwordVerifier, "PasswordVerifier");
        BigInteger saltValue = positive(salt, "Salt");
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, false)
                .chain(caller -> devices.familyDevice(tx, token.originJti()).chain(issued -> {
                    if (issued.isEmpty() || !issued.get().deviceKey().equals(deviceKey)) {
                        return Uni.createFrom().failure(Device.notFound());
                    }
                    boolean onPrompt = DeviceSettings.of(caller.pool()).onlyRememberedOnUserPrompt();
                    Instant now = now();
                    byte[] sealed = cipher.encrypt(Base64.getEncoder().encodeToString(verifier.toByteArray()),
                            Device.verifierContext(caller.pool().id(), deviceKey));
                    Device device = new Device(caller.pool().id(), deviceKey, caller.user().sub(), issued.get().deviceGroupKey(), sealed,
                            saltValue.toString(16), deviceName, !onPrompt, now, now, now, null);
                    return devices.upsert(tx, device).map(written -> {
                        if (!written) {
                            throw Device.notFound();
                        }
                        return onPrompt;
                    });
                }))));
    }

    public Uni<Device> getDevice(String accessToken, String deviceKey) {
        return asSignedIn(accessToken, (tx, user) -> require(tx, user, deviceKey));
    }

    public Uni<Device> adminGetDevice(String poolId, String username, String deviceKey) {
        return asAdmin(poolId, username, (tx, user) -> require(tx, user, deviceKey));
    }

    public Uni<Page> listDevices(String accessToken, Integer limit, String paginationToken) {
        String after = PaginationToken.decode(paginationToken);
        return asSignedIn(accessToken, (tx, user) -> page(tx, user, limit, after));
    }

    public Uni<Page> adminListDevices(String poolId, String username, Integer limit, String paginationToken) {
        String after = PaginationToken.decode(paginationToken);
        return asAdmin(poolId, username, (tx, user) -> page(tx, user, limit, after));
    }

    public Uni<Void> updateDeviceStatus(String accessToken, String deviceKey, String status) {
        return asSignedIn(accessToken, (tx, user) -> updateStatus(tx, user, deviceKey, status));
    }

    public Uni<Void> adminUpdateDeviceStatus(String poolId, String username, String deviceKey, String status) {
        return asAdmin(poolId, username, (tx, user) -> updateStatus(tx, user, deviceKey, status));
    }

    public Uni<Void> forgetDevice(String accessToken, String deviceKey) {
        return asSignedIn(accessToken, (tx, user) -> forget(tx, user, deviceKey));
    }

    public Uni<Void> adminForgetDevice(String poolId, String username, String deviceKey) {
        return asAdmin(poolId, username, (tx, user) -> forget(tx, user, deviceKey));
    }

    private <T> Uni<T> asSignedIn(String accessToken, BiFunction<SqlClient, User, Uni<T>> work) {
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, false)
                .chain(caller -> work.apply(tx, caller.user()))));
    }

    private <T> Uni<T> asAdmin(String poolId, String username, BiFunction<SqlClient, User, Uni<T>> work) {
        return db.withTransaction(tx -> pools.require(tx, poolId)
                .chain((UserPool pool) -> users.require(tx, pool, username, false))
                .chain(user -> work.apply(tx, user)));
    }

    private Uni<Device> require(SqlClient tx, User user, String deviceKey) {
        return devices.find(tx, user.userPoolId(), user.sub(), deviceKey, false).map(found -> found.orElseThrow(Device::notFound));
    }

    private Uni<Page> page(SqlClient tx, User user, Integer limit, String after) {
        int size = limit == null || limit == 0 ? 60 : limit;
        // one more than the page: the next page's token only when there is one
        return devices.list(tx, user.userPoolId(), user.sub(), after, size + 1).map(found -> found.size() <= size ? new Page(found, null)
                : new Page(found.subList(0, size), PaginationToken.encode(found.get(size - 1).deviceKey())));
    }

    private Uni<Void> updateStatus(SqlClient tx, User user, String deviceKey, String status) {
        boolean remembered = Device.REMEMBERED.equals(status);
        return devices.updateStatus(tx, user.userPoolId(), user.sub(), deviceKey, remembered, now()).invoke(updated -> {
            if (!updated) {
                throw Device.notFound();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> forget(SqlClient tx, User user, String deviceKey) {
        return devices.delete(tx, user.userPoolId(), user.sub(), deviceKey)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw Device.notFound();
                    }
                })
                .chain(() -> devices.revokeFamilies(tx, user.userPoolId(), user.sub(), deviceKey, now()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A Base64 member of DeviceSecretVerifierConfig as the positive number it encodes (big-endian). */
    private static BigInteger positive(String base64, String member) {
        if (base64 == null || base64.isEmpty()) {
            throw CognitoException.invalidParameter("DeviceSecretVerifierConfig." + member + " is required.");
        }
        try {
            BigInteger value = new BigInteger(1, Base64.getDecoder().decode(base64));
            if (value.signum() > 0) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw CognitoException.invalidParameter("DeviceSecretVerifierConfig." + member + " is not valid Base64 of a positive number.");
    }
}
