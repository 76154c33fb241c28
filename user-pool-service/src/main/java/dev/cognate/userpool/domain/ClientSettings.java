package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An app client's settings, read once from their stored wire form ({@link AppClient#settings()}, JSONB, unchanged) into
 * typed members with Cognito's defaults, so that no code reads them by string path.
 *
 * @param oauthEnabled               {@code AllowedOAuthFlowsUserPoolClient} (default false)
 * @param preventsUserExistenceErrors {@code PreventUserExistenceErrors} is not {@code LEGACY} (ENABLED is the default)
 * @param tokenRevocationEnabled     {@code EnableTokenRevocation} (default true)
 * @param authSessionValidityMinutes {@code AuthSessionValidity} (default 3)
 * @param refreshTokenRotation       {@code RefreshTokenRotation.Feature} is {@code ENABLED}
 * @param rotationGracePeriodSeconds {@code RefreshTokenRotation.RetryGracePeriodSeconds} (default 0)
 * @param accessTokenValidity        {@code AccessTokenValidity} in the unit of {@code TokenValidityUnits.AccessToken}
 *                                   (default 60 minutes)
 * @param idTokenValidity            {@code IdTokenValidity} in the unit of {@code TokenValidityUnits.IdToken} (default 60 minutes)
 * @param refreshTokenValidity       {@code RefreshTokenValidity} in the unit of {@code TokenValidityUnits.RefreshToken}
 *                                   (default 30 days)
 */
public record ClientSettings(List<String> explicitAuthFlows, boolean oauthEnabled, List<String> allowedOAuthFlows,
                             List<String> allowedOAuthScopes, List<String> callbackUrls, List<String> logoutUrls,
                             List<String> supportedIdentityProviders, List<String> readAttributes, List<String> writeAttributes,
                             boolean preventsUserExistenceErrors, boolean tokenRevocationEnabled, long authSessionValidityMinutes,
                             boolean refreshTokenRotation, long rotationGracePeriodSeconds, Duration accessTokenValidity,
                             Duration idTokenValidity, Duration refreshTokenValidity) {

    public static ClientSettings of(JsonNode settings) {
        JsonNode rotation = settings.path("RefreshTokenRotation");
        JsonNode units = settings.path("TokenValidityUnits");
        return new ClientSettings(
                strings(settings.path("ExplicitAuthFlows")),
                settings.path("AllowedOAuthFlowsUserPoolClient").asBoolean(false),
                strings(settings.path("AllowedOAuthFlows")),
                strings(settings.path("AllowedOAuthScopes")),
                strings(settings.path("CallbackURLs")),
                strings(settings.path("LogoutURLs")),
                strings(settings.path("SupportedIdentityProviders")),
                strings(settings.path("ReadAttributes")),
                strings(settings.path("WriteAttributes")),
                !"LEGACY".equals(settings.path("PreventUserExistenceErrors").asText("ENABLED")),
                settings.path("EnableTokenRevocation").asBoolean(true),
                settings.path("AuthSessionValidity").asLong(3),
                "ENABLED".equals(rotation.path("Feature").asText()),
                rotation.path("RetryGracePeriodSeconds").asLong(0),
                duration(settings.path("AccessTokenValidity"), units.path("AccessToken").asText("minutes"), 60, "minutes"),
                duration(settings.path("IdTokenValidity"), units.path("IdToken").asText("minutes"), 60, "minutes"),
                duration(settings.path("RefreshTokenValidity"), units.path("RefreshToken").asText("days"), 30, "days"));
    }

    /** Whether the client may use the OAuth flow {@code flow} ({@code code}, {@code implicit}, {@code client_credentials}). */
    public boolean allowsOAuthFlow(String flow) {
        return oauthEnabled && allowedOAuthFlows.contains(flow);
    }

    /** A validity in its unit; the default amount in the default unit when the client stores no number. */
    private static Duration duration(JsonNode value, String unit, long defaultValue, String defaultUnit) {
        long amount = value.isNumber() ? value.asLong() : defaultValue;
        String in = value.isNumber() ? unit : defaultUnit;
        return switch (in) {
            case "seconds" -> Duration.ofSeconds(amount);
            case "minutes" -> Duration.ofMinutes(amount);
            case "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}
