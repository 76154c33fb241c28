package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** UpdateDeviceStatus: the signed-in user's device marked remembered or not_remembered. */
@ApplicationScoped
public class UpdateDeviceStatusAction implements AwsAction<UpdateDeviceStatusAction.Request, Map<String, Object>> {

    public record Request(String accessToken, String deviceKey, String deviceRememberedStatus) {
    }

    private final DeviceService service;

    public UpdateDeviceStatusAction(DeviceService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateDeviceStatus";
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
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        DeviceRequests.status(DeviceRequests.deviceKey(Validation.of().required("accessToken", request.accessToken()), request.deviceKey()),
                request.deviceRememberedStatus()).throwIfInvalid();
        return service.updateDeviceStatus(request.accessToken(), request.deviceKey(), request.deviceRememberedStatus() == null
                ? dev.cognate.userpool.domain.Device.NOT_REMEMBERED : request.deviceRememberedStatus()).replaceWith(Map.of());
    }
}
