package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.CustomizableCss;
import dev.cognate.userpool.domain.LogoImage;
import dev.cognate.userpool.oidc.HostedLoginUrls;
import dev.cognate.userpool.service.UiCustomizationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SetUICustomization: the CSS and logo of the hosted pages of one app client, or of the pool default ({@code ClientId}
 * absent or {@code ALL}). The CSS is validated and stored re-serialised ({@link CustomizableCss}); the logo must be a
 * PNG or JPEG of at most 100 KB ({@link LogoImage}). A request with neither removes the level's customization.
 */
@ApplicationScoped
public class SetUICustomizationAction implements AwsAction<SetUICustomizationAction.Request, UiCustomizationRequests.Response> {

    public record Request(String userPoolId, String clientId, @JsonProperty("CSS") String css, byte[] imageFile) {
    }

    private final UiCustomizationService service;
    private final HostedLoginUrls urls;

    public SetUICustomizationAction(UiCustomizationService service, HostedLoginUrls urls) {
        this.service = service;
        this.urls = urls;
    }

    @Override
    public String name() {
        return "SetUICustomization";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<UiCustomizationRequests.Response> execute(Request request, ActionContext context) {
        UiCustomizationRequests.css(UiCustomizationRequests.level(Validation.of(), request.userPoolId(), request.clientId()), request.css())
                .throwIfInvalid();
        String css = CustomizableCss.validated(request.css());
        byte[] image = request.imageFile() == null || request.imageFile().length == 0 ? null : request.imageFile();
        String imageContentType = image == null ? null : LogoImage.contentType(image);
        return service.setUiCustomization(request.userPoolId(), UiCustomizationRequests.clientIdOrAll(request.clientId()), css, image,
                        imageContentType)
                .chain(customization -> UiCustomizationRequests.response(customization, urls));
    }
}
