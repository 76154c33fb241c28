package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ForgetDevice: the signed-in user's device forgotten; the refresh tokens of its sign-ins revoked with it. */
@ApplicationScoped
public class ForgetDeviceAction implements AwsAction<ForgetDeviceAction.Request, Map<String, Object>> {

    public record Request(String accessToken, String deviceKey) {
    }

    private final DeviceService service;

    public ForgetDeviceAction(DeviceService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ForgetDevice";
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
        DeviceRequests.deviceKey(Validation.of().required("accessToken", request.accessToken()), request.deviceKey()).throwIfInvalid();
        return service.forgetDevice(request.accessToken(), request.deviceKey()).replaceWith(Map.of());
    }
}
