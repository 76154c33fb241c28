package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** AdminGetDevice: one device of a user found by username, alias or sub. */
@ApplicationScoped
public class AdminGetDeviceAction implements AwsAction<AdminGetDeviceAction.Request, AdminGetDeviceAction.Response> {

    public record Request(String userPoolId, String username, String deviceKey) {
    }

    public record Response(DeviceRequests.DeviceType device) {
    }

    private final DeviceService service;

    public AdminGetDeviceAction(DeviceService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminGetDevice";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        DeviceRequests.deviceKey(UserRequests.target(request.userPoolId(), request.username()), request.deviceKey()).throwIfInvalid();
        return service.adminGetDevice(request.userPoolId(), request.username(), request.deviceKey())
                .map(device -> new Response(DeviceRequests.deviceType(device)));
    }
}
