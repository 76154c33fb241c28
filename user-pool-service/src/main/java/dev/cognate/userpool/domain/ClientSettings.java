package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An app client's settings, read once from their stored wire form ({@link AppClient#settings()}, JSONB, unchanged) into
 * typed members with Cognito's defaults, so that no code reads them by string path. Token validities keep their own
 * view ({@code token/TokenLifetimes}, which does the unit arithmetic).
 *
 * @param oauthEnabled               {@code AllowedOAuthFlowsUserPoolClient} (default false)
 * @param preventsUserExistenceErrors {@code PreventUserExistenceErrors} is not {@code LEGACY} (ENABLED is the default)
 * @param tokenRevocationEnabled     {@code EnableTokenRevocation} (default true)
 * @param authSessionValidityMinutes {@code AuthSessionValidity} (default 3)
 * @param refreshTokenRotation       {@code RefreshTokenRotation.Feature} is {@code ENABLED}
 * @param rotationGracePeriodSeconds {@code RefreshTokenRotation.RetryGracePeriodSeconds} (default 0)
 */
public record ClientSettings(List<String> explicitAuthFlows, boolean oauthEnabled, List<String> allowedOAuthFlows,
                             List<String> allowedOAuthScopes, List<String> callbackUrls, List<String> logoutUrls,
                             List<String> supportedIdentityProviders, List<String> readAttributes, List<String> writeAttributes,
                             boolean preventsUserExistenceErrors, boolean tokenRevocationEnabled, long authSessionValidityMinutes,
                             boolean refreshTokenRotation, long rotationGracePeriodSeconds) {

    public static ClientSettings of(JsonNode settings) {
        JsonNode rotation = settings.path("RefreshTokenRotation");
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
                rotation.path("RetryGracePeriodSeconds").asLong(0));
    }

    /** Whether the client may use the OAuth flow {@code flow} ({@code code}, {@code implicit}, {@code client_credentials}). */
    public boolean allowsOAuthFlow(String flow) {
        return oauthEnabled && allowedOAuthFlows.contains(flow);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}
