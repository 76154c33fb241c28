package dev.cognate.hostedui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The branding of an app client's pages, as user-pool-service's internal API ({@code GET /internal/v1/branding/{clientId}})
 * returns it: the client's own SetUICustomization, else its pool's default ({@code clientId} {@code ALL}).
 *
 * @param css              the validated CSS user-pool-service stored (only Cognito's customizable classes); may be null
 * @param cssVersion       changes with every SetUICustomization: it versions the stylesheet and logo URLs
 * @param imageContentType {@code image/png} or {@code image/jpeg} when there is a logo
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Branding(String userPoolId, String clientId, String css, String cssVersion, String imageContentType, boolean hasImage) {
}
