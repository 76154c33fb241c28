package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.CustomizableCss;
import dev.cognate.userpool.domain.UiCustomization;
import dev.cognate.userpool.oidc.HostedLoginUrls;
import io.smallrye.mutiny.Uni;

import java.time.Instant;

/** Wire shapes and constraints of SetUICustomization and GetUICustomization, as in the API reference. */
final class UiCustomizationRequests {

    private UiCustomizationRequests() {
    }

    /** {@code UICustomizationType}; a level without customization carries only {@code UserPoolId} and {@code ClientId}. */
    record UICustomizationType(String userPoolId, String clientId, String imageUrl, @JsonProperty("CSS") String css,
                               @JsonProperty("CSSVersion") String cssVersion, Instant lastModifiedDate, Instant creationDate) {

        /** {@code logoBase}: the hosted login base URL of the pool's pages, where hosted-ui-service serves the logo. */
        static UICustomizationType of(UiCustomization customization, String logoBase) {
            String imageUrl = customization.hasImage()
                    ? logoBase + "/branding/" + customization.userPoolId() + "/" + customization.clientId() + "/logo?v=" + customization.cssVersion()
                    : null;
            return new UICustomizationType(customization.userPoolId(), customization.clientId(), imageUrl, customization.css(),
                    customization.cssVersion(), customization.lastModifiedDate(), customization.creationDate());
        }
    }

    record Response(@JsonProperty("UICustomization") UICustomizationType uiCustomization) {
    }

    /** {@code UserPoolId} and the optional {@code ClientId}: an app client, or absent / {@code ALL} for the pool default. */
    static Validation level(Validation validation, String userPoolId, String clientId) {
        return AppClientRequests.clientId(UserPoolRequests.userPoolId(validation, userPoolId), clientIdOrAll(clientId));
    }

    /** The answer of both actions: the customization with its {@code ImageUrl} under the pool's hosted login base. */
    static Uni<Response> response(UiCustomization customization, HostedLoginUrls urls) {
        return urls.pageBase(customization.userPoolId()).map(base -> new Response(UICustomizationType.of(customization, base)));
    }

    static String clientIdOrAll(String clientId) {
        return clientId == null ? UiCustomization.ALL : clientId;
    }

    static Validation css(Validation validation, String css) {
        return validation.length("CSS", css, 0, CustomizableCss.MAX_LENGTH);
    }
}
