package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminUpdateDeviceStatus: a user's device marked remembered or not_remembered. */
@ApplicationScoped
public class AdminUpdateDeviceStatusAction implements AwsAction<AdminUpdateDeviceStatusAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, String deviceKey, String deviceRememberedStatus) {
    }

    private final DeviceService service;

    public AdminUpdateDeviceStatusAction(DeviceService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminUpdateDeviceStatus";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        DeviceRequests.status(DeviceRequests.deviceKey(UserRequests.target(request.userPoolId(), request.username()), request.deviceKey()),
                request.deviceRememberedStatus()).throwIfInvalid();
        return service.adminUpdateDeviceStatus(request.userPoolId(), request.username(), request.deviceKey(), request.deviceRememberedStatus() == null
                ? dev.cognate.userpool.domain.Device.NOT_REMEMBERED : request.deviceRememberedStatus()).replaceWith(Map.of());
    }
}
