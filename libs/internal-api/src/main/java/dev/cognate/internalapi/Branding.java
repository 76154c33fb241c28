package dev.cognate.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The branding of an app client's pages ({@link InternalRoutes#BRANDING}): the client's own SetUICustomization, else its
 * pool's default ({@code clientId} {@code ALL}). Never the image itself ({@link InternalRoutes#BRANDING_IMAGE}).
 *
 * @param css              the validated CSS user-pool-service stored (only Cognito's customizable classes); may be null
 * @param cssVersion       changes with every SetUICustomization: it versions the stylesheet and logo URLs
 * @param imageContentType {@code image/png} or {@code image/jpeg} when there is a logo
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Branding(String userPoolId, String clientId, String css, String cssVersion, String imageContentType, boolean hasImage) {
}
