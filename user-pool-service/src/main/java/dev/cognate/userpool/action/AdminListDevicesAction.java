package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** AdminListDevices: a user's devices, Limit 0–60 (0 or absent: 60) a page, in device-key order. */
@ApplicationScoped
public class AdminListDevicesAction implements AwsAction<AdminListDevicesAction.Request, AdminListDevicesAction.Response> {

    public record Request(String userPoolId, String username, Integer limit, String paginationToken) {
    }

    public record Response(List<DeviceRequests.DeviceType> devices, String paginationToken) {
    }

    private final DeviceService service;

    public AdminListDevicesAction(DeviceService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminListDevices";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        DeviceRequests.limit(UserRequests.target(request.userPoolId(), request.username()), request.limit()).throwIfInvalid();
        return service.adminListDevices(request.userPoolId(), request.username(), request.limit(), request.paginationToken())
                .map(page -> new Response(DeviceRequests.deviceTypes(page.devices()), page.paginationToken()));
    }
}
