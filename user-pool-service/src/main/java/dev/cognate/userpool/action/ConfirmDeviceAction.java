package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** ConfirmDevice: the device a sign-in was issued (NewDeviceMetadata) confirmed with its SRP verifier and name; answers UserConfirmationNecessary. */
@ApplicationScoped
public class ConfirmDeviceAction implements AwsAction<ConfirmDeviceAction.Request, ConfirmDeviceAction.Response> {

    public record Request(String accessToken, String deviceKey, DeviceSecretVerifierConfigType deviceSecretVerifierConfig, String deviceName) {
    }

    /** {@code DeviceSecretVerifierConfigType}: the device's SRP verifier and salt, Base64. */
    public record DeviceSecretVerifierConfigType(String passwordVerifier, String salt) {
    }

    public record Response(boolean userConfirmationNecessary) {
    }

    private final DeviceService service;

    public ConfirmDeviceAction(DeviceService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ConfirmDevice";
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
        DeviceRequests.deviceKey(Validation.of().required("accessToken", request.accessToken()), request.deviceKey())
                .length("deviceName", request.deviceName(), 1, 1024).throwIfInvalid();
        DeviceSecretVerifierConfigType verifier = request.deviceSecretVerifierConfig() == null
                ? new DeviceSecretVerifierConfigType(null, null) : request.deviceSecretVerifierConfig();
        return service.confirmDevice(request.accessToken(), request.deviceKey(), verifier.passwordVerifier(), verifier.salt(), request.deviceName())
                .map(Response::new);
    }
}
