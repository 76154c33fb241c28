package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.Device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Constraints and wire shapes shared by the device actions ({@code DeviceType}), as in the API reference. */
final class DeviceRequests {

    static final Pattern DEVICE_KEY = Pattern.compile("[\\w-]+_[0-9a-f-]+");
    static final List<String> STATUSES = List.of(Device.REMEMBERED, Device.NOT_REMEMBERED);

    private DeviceRequests() {
    }

    /** {@code DeviceType}: the key, its attributes as Cognito lists them, and its dates. */
    public record DeviceType(String deviceKey, List<UserRequests.AttributeType> deviceAttributes, Instant deviceCreateDate,
                             Instant deviceLastModifiedDate, Instant deviceLastAuthenticatedDate) {
    }

    /** Cognito's device attributes: {@code device_status}, {@code device_name}, {@code dev:device_remembered_status}, {@code last_ip_used}. */
    static DeviceType deviceType(Device device) {
        List<UserRequests.AttributeType> attributes = new ArrayList<>();
        attributes.add(new UserRequests.AttributeType("device_status", "valid"));
        if (device.deviceName() != null) {
            attributes.add(new UserRequests.AttributeType("device_name", device.deviceName()));
        }
        attributes.add(new UserRequests.AttributeType("dev:device_remembered_status", device.rememberedStatus()));
        if (device.lastIp() != null) {
            attributes.add(new UserRequests.AttributeType("last_ip_used", device.lastIp()));
        }
        return new DeviceType(device.deviceKey(), attributes, device.createdAt(), device.modifiedAt(), device.lastAuthenticatedAt());
    }

    static List<DeviceType> deviceTypes(List<Device> devices) {
        return devices.stream().map(DeviceRequests::deviceType).toList();
    }

    static Validation deviceKey(Validation validation, String deviceKey) {
        return validation.required("deviceKey", deviceKey).length("deviceKey", deviceKey, 1, 55).pattern("deviceKey", deviceKey, DEVICE_KEY);
    }

    static Validation limit(Validation validation, Integer limit) {
        return validation.range("limit", limit, 0, 60);
    }

    static Validation status(Validation validation, String status) {
        return validation.oneOf("deviceRememberedStatus", status, STATUSES);
    }
}
