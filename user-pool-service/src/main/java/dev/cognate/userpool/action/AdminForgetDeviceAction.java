package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminForgetDevice: a user's device forgotten; the refresh tokens of its sign-ins revoked with it. */
@ApplicationScoped
public class AdminForgetDeviceAction implements AwsAction<AdminForgetDeviceAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, String deviceKey) {
    }

    private final DeviceService service;

    public AdminForgetDeviceAction(DeviceService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminForgetDevice";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        DeviceRequests.deviceKey(UserRequests.target(request.userPoolId(), request.username()), request.deviceKey()).throwIfInvalid();
        return service.adminForgetDevice(request.userPoolId(), request.username(), request.deviceKey()).replaceWith(Map.of());
    }
}
