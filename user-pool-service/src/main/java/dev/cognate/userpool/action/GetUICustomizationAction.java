package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.oidc.HostedLoginUrls;
import dev.cognate.userpool.service.UiCustomizationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * GetUICustomization: the client's customization, else the pool default (reported with {@code ClientId} {@code ALL}),
 * else, as Cognito, only {@code UserPoolId} and {@code ClientId}.
 */
@ApplicationScoped
public class GetUICustomizationAction implements AwsAction<GetUICustomizationAction.Request, UiCustomizationRequests.Response> {

    public record Request(String userPoolId, String clientId) {
    }

    private final UiCustomizationService service;
    private final HostedLoginUrls urls;

    public GetUICustomizationAction(UiCustomizationService service, HostedLoginUrls urls) {
        this.service = service;
        this.urls = urls;
    }

    @Override
    public String name() {
        return "GetUICustomization";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<UiCustomizationRequests.Response> execute(Request request, ActionContext context) {
        UiCustomizationRequests.level(Validation.of(), request.userPoolId(), request.clientId()).throwIfInvalid();
        return service.getUiCustomization(request.userPoolId(), UiCustomizationRequests.clientIdOrAll(request.clientId()))
                .chain(customization -> UiCustomizationRequests.response(customization, urls));
    }
}
