package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** ListDevices: the signed-in user's devices, Limit 0–60 (0 or absent: 60) a page, in device-key order. */
@ApplicationScoped
public class ListDevicesAction implements AwsAction<ListDevicesAction.Request, ListDevicesAction.Response> {

    public record Request(String accessToken, Integer limit, String paginationToken) {
    }

    public record Response(List<DeviceRequests.DeviceType> devices, String paginationToken) {
    }

    private final DeviceService service;

    public ListDevicesAction(DeviceService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListDevices";
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.ACCESS_TOKEN;
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        DeviceRequests.limit(Validation.of().required("accessToken", request.accessToken()), request.limit()).throwIfInvalid();
        return service.listDevices(request.accessToken(), request.limit(), request.paginationToken())
                .map(page -> new Response(DeviceRequests.deviceTypes(page.devices()), page.paginationToken()));
    }
}
