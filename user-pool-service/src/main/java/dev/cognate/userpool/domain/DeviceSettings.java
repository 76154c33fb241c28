package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A pool's {@code DeviceConfiguration} as a typed view. As Cognito, any member given turns device tracking on (sign-ins
 * get {@code NewDeviceMetadata}, {@code ConfirmDevice} works); {@code ChallengeRequiredOnNewDevice} lets a remembered
 * device stand in for the MFA step (DEVICE_SRP_AUTH); {@code DeviceOnlyRememberedOnUserPrompt} leaves a confirmed device
 * not remembered until {@code UpdateDeviceStatus} says so.
 */
public record DeviceSettings(boolean tracked, boolean challengeRequiredOnNewDevice, boolean onlyRememberedOnUserPrompt) {

    public static final DeviceSettings OFF = new DeviceSettings(false, false, false);

    public static DeviceSettings of(JsonNode poolSettings) {
        JsonNode device = poolSettings.path("DeviceConfiguration");
        if (!device.isObject() || device.isEmpty()) {
            return OFF;
        }
        return new DeviceSettings(true, device.path("ChallengeRequiredOnNewDevice").asBoolean(false),
                device.path("DeviceOnlyRememberedOnUserPrompt").asBoolean(false));
    }

    public static DeviceSettings of(UserPool pool) {
        return of(pool.settings());
    }
}
