package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GetDevice: one device of the signed-in user. */
@ApplicationScoped
public class GetDeviceAction implements AwsAction<GetDeviceAction.Request, GetDeviceAction.Response> {

    public record Request(String accessToken, String deviceKey) {
    }

    public record Response(DeviceRequests.DeviceType device) {
    }

    private final DeviceService service;

    public GetDeviceAction(DeviceService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetDevice";
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
        DeviceRequests.deviceKey(Validation.of().required("accessToken", request.accessToken()), request.deviceKey()).throwIfInvalid();
        return service.getDevice(request.accessToken(), request.deviceKey()).map(device -> new Response(DeviceRequests.deviceType(device)));
    }
}
