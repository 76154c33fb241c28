package dev.cognate.userpool.domain;

import java.time.Instant;

/**
 * The hosted login branding of one level of a pool (Cognito's {@code UICustomizationType}): the pool default
 * ({@code clientId} {@link #ALL}) or one app client. {@code css} is the validated, re-serialised CSS
 * ({@link CustomizableCss}); {@code image} the logo (PNG or JPEG, {@link LogoImage}); either may be absent, not both.
 */
public record UiCustomization(String userPoolId, String clientId, String css, String cssVersion, byte[] image,
                              String imageContentType, Instant creationDate, Instant lastModifiedDate) {

    /** The {@code ClientId} Cognito reports for (and accepts as) the pool default. */
    public static final String ALL = "ALL";

    public boolean hasImage() {
        return image != null;
    }

    public boolean isPoolDefault() {
        return ALL.equals(clientId);
    }
}
