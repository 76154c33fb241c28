package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.AppClientIds;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The members of CreateUserPoolClient and UpdateUserPoolClient, validated with the constraints of the
 * API reference and turned into the stored settings with Cognito's defaults for what is omitted.
 * Rules that need the pool (custom scopes, attributes, the secret) are checked by the service.
 */
final class AppClientRequests {

    static final Pattern CLIENT_NAME = Pattern.compile("[\\w\\s+=,.@-]+");
    static final Pattern URL = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final Pattern PROVIDER_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    static final Pattern ATTRIBUTE = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final List<String> TIME_UNITS = List.of("seconds", "minutes", "hours", "days");
    static final List<String> AUTH_FLOWS = List.of("ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH");
    static final Set<String> LEGACY_AUTH_FLOWS = Set.of("ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH");
    static final List<String> OAUTH_FLOWS = List.of("code", "implicit", "client_credentials");
    static final List<String> PREVENT_USER_EXISTENCE_ERRORS = List.of("LEGACY", "ENABLED");
    static final List<String> FEATURE = List.of("ENABLED", "DISABLED");

    record TokenValidityUnits(String accessToken, String idToken, String refreshToken) {
    }

    record RefreshTokenRotation(String feature, Integer retryGracePeriodSeconds) {
    }

    /** CreateUserPoolClient's and UpdateUserPoolClient's members ({@code generateSecret} only on create, {@code clientId} only on update). */
    record Request(String userPoolId, String clientId, String clientName, Boolean generateSecret,
                   Long refreshTokenValidity, Integer accessTokenValidity, Integer idTokenValidity,
                   TokenValidityUnits tokenValidityUnits, List<String> readAttributes, List<String> writeAttributes,
                   List<String> explicitAuthFlows, List<String> supportedIdentityProviders,
                   List<String> callbackURLs, List<String> logoutURLs, String defaultRedirectURI,
                   List<String> allowedOAuthFlows, List<String> allowedOAuthScopes, Boolean allowedOAuthFlowsUserPoolClient,
                   ObjectNode analyticsConfiguration, String preventUserExistenceErrors, Boolean enableTokenRevocation,
                   Boolean enablePropagateAdditionalUserContextData, Integer authSessionValidity,
                   RefreshTokenRotation refreshTokenRotation) {
    }

    /** Members that name one client. */
    record Key(String userPoolId, String clientId) {
    }

    private AppClientRequests() {
    }

    static Validation clientId(Validation validation, String clientId) {
        return validation.required("clientId", clientId)
                .length("clientId", clientId, 1, 128)
                .pattern("clientId", clientId, AppClientIds.CLIENT_ID);
    }

    static void validateKey(Key key) {
        clientId(UserPoolRequests.userPoolId(Validation.of(), key.userPoolId()), key.clientId()).throwIfInvalid();
    }

    /** Validates every member and returns the settings to store: what was given, Cognito's defaults for the rest. */
    static ObjectNode settings(Request request, boolean create) {
        Validation validation = UserPoolRequests.userPoolId(Validation.of(), request.userPoolId());
        if (create) {
            validation.required("clientName", request.clientName());
        } else {
            clientId(validation, request.clientId());
        }
        validation.length("clientName", request.clientName(), 1, 128)
                .pattern("clientName", request.clientName(), CLIENT_NAME)
                .range("refreshTokenValidity", request.refreshTokenValidity(), 0, 315360000)
                .range("accessTokenValidity", request.accessTokenValidity(), 1, 86400)
                .range("idTokenValidity", request.idTokenValidity(), 1, 86400)
                .range("authSessionValidity", request.authSessionValidity(), 3, 15)
                .oneOf("preventUserExistenceErrors", request.preventUserExistenceErrors(), PREVENT_USER_EXISTENCE_ERRORS);
        TokenValidityUnits units = request.tokenValidityUnits();
        if (units != null) {
            validation.oneOf("tokenValidityUnits.accessToken", units.accessToken(), TIME_UNITS)
                    .oneOf("tokenValidityUnits.idToken", units.idToken(), TIME_UNITS)
                    .oneOf("tokenValidityUnits.refreshToken", units.refreshToken(), TIME_UNITS);
        }
        eachOf(validation, "explicitAuthFlows", request.explicitAuthFlows(), AUTH_FLOWS);
        eachOf(validation, "allowedOAuthFlows", request.allowedOAuthFlows(), OAUTH_FLOWS);
        validation.size("allowedOAuthFlows", request.allowedOAuthFlows(), 0, 3);
        strings(validation, "callbackURLs", request.callbackURLs(), 100, 1024, URL);
        strings(validation, "logoutURLs", request.logoutURLs(), 100, 1024, URL);
        validation.length("defaultRedirectURI", request.defaultRedirectURI(), 1, 1024)
                .pattern("defaultRedirectURI", request.defaultRedirectURI(), URL);
        strings(validation, "allowedOAuthScopes", request.allowedOAuthScopes(), 50, 256, SCOPE);
        strings(validation, "supportedIdentityProviders", request.supportedIdentityProviders(), Integer.MAX_VALUE, 32, PROVIDER_NAME);
        strings(validation, "readAttributes", request.readAttributes(), Integer.MAX_VALUE, 2048, ATTRIBUTE);
        strings(validation, "writeAttributes", request.writeAttributes(), Integer.MAX_VALUE, 2048, ATTRIBUTE);
        RefreshTokenRotation rotation = request.refreshTokenRotation();
        if (rotation != null) {
            validation.required("refreshTokenRotation.feature", rotation.feature())
                    .oneOf("refreshTokenRotation.feature", rotation.feature(), FEATURE)
                    .range("refreshTokenRotation.retryGracePeriodSeconds", rotation.retryGracePeriodSeconds(), 0, 60);
        }
        validation.throwIfInvalid();

        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        tokenValidities(settings, request);
        list(settings, "ReadAttributes", request.readAttributes());
        list(settings, "WriteAttributes", request.writeAttributes());
        list(settings, "ExplicitAuthFlows", explicitAuthFlows(request.explicitAuthFlows()));
        list(settings, "SupportedIdentityProviders", request.supportedIdentityProviders());
        list(settings, "CallbackURLs", urls("callback", request.callbackURLs()));
        list(settings, "LogoutURLs", urls("logout", request.logoutURLs()));
        if (request.defaultRedirectURI() != null) {
            url("default redirect", request.defaultRedirectURI());
            if (request.callbackURLs() == null || !request.callbackURLs().contains(request.defaultRedirectURI())) {
                throw CognitoException.invalidParameter("DefaultRedirectURI must be one of the CallbackURLs.");
            }
            settings.put("DefaultRedirectURI", request.defaultRedirectURI());
        }
        oauth(settings, request);
        if (request.analyticsConfiguration() != null) {
            settings.set("AnalyticsConfiguration", request.analyticsConfiguration());
        }
        settings.put("PreventUserExistenceErrors",
                request.preventUserExistenceErrors() == null ? "ENABLED" : request.preventUserExistenceErrors());
        settings.put("EnableTokenRevocation", request.enableTokenRevocation() == null || request.enableTokenRevocation());
        settings.put("EnablePropagateAdditionalUserContextData", Boolean.TRUE.equals(request.enablePropagateAdditionalUserContextData()));
        settings.put("AuthSessionValidity", request.authSessionValidity() == null ? 3 : request.authSessionValidity());
        if (rotation != null) {
            ObjectNode stored = settings.putObject("RefreshTokenRotation").put("Feature", rotation.feature());
            if (rotation.retryGracePeriodSeconds() != null) {
                stored.put("RetryGracePeriodSeconds", rotation.retryGracePeriodSeconds());
            }
        }
        return settings;
    }

    /**
     * Cognito's defaults: refresh 30 days, access and ID 60 minutes. A validity given without its unit is in
     * Cognito's default unit for it (days for refresh, hours for access and ID). Ranges: access and ID 5 minutes
     * to 1 day, refresh 60 minutes to 10 years.
     */
    private static void tokenValidities(ObjectNode settings, Request request) {
        TokenValidityUnits units = request.tokenValidityUnits() == null
                ? new TokenValidityUnits(null, null, null) : request.tokenValidityUnits();
        String accessUnit = request.accessTokenValidity() == null ? "minutes" : orDefault(units.accessToken(), "hours");
        String idUnit = request.idTokenValidity() == null ? "minutes" : orDefault(units.idToken(), "hours");
        String refreshUnit = request.refreshTokenValidity() == null ? "days" : orDefault(units.refreshToken(), "days");
        long access = request.accessTokenValidity() == null ? 60 : request.accessTokenValidity();
        long id = request.idTokenValidity() == null ? 60 : request.idTokenValidity();
        long refresh = request.refreshTokenValidity() == null ? 30 : request.refreshTokenValidity();
        inRange("AccessTokenValidity", seconds(access, accessUnit), 5 * 60, 24 * 3600, "5 minutes and 1 day");
        inRange("IdTokenValidity", seconds(id, idUnit), 5 * 60, 24 * 3600, "5 minutes and 1 day");
        inRange("RefreshTokenValidity", seconds(refresh, refreshUnit), 60 * 60, 3650L * 24 * 3600, "60 minutes and 10 years");
        settings.put("RefreshTokenValidity", refresh);
        settings.put("AccessTokenValidity", access);
        settings.put("IdTokenValidity", id);
        settings.putObject("TokenValidityUnits").put("AccessToken", accessUnit).put("IdToken", idUnit).put("RefreshToken", refreshUnit);
    }

    private static void inRange(String member, long seconds, long min, long max, String range) {
        if (seconds < min || seconds > max) {
            throw CognitoException.invalidParameter("Invalid range for token validity: " + member + " must be between " + range + ".");
        }
    }

    static long seconds(long value, String unit) {
        return switch (unit) {
            case "seconds" -> value;
            case "minutes" -> value * 60;
            case "hours" -> value * 3600;
            default -> value * 86400;
        };
    }

    /** Cognito's defaults when omitted; legacy (non-ALLOW_) and ALLOW_ flows cannot be mixed. */
    private static List<String> explicitAuthFlows(List<String> flows) {
        if (flows == null) {
            return List.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH");
        }
        boolean legacy = flows.stream().anyMatch(LEGACY_AUTH_FLOWS::contains);
        boolean current = flows.stream().anyMatch(flow -> flow.startsWith("ALLOW_"));
        if (legacy && current) {
            throw CognitoException.invalidParameter("ExplicitAuthFlows cannot mix legacy flows (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY,"
                    + " USER_PASSWORD_AUTH) with ALLOW_ flows.");
        }
        return flows.stream().distinct().toList();
    }

    private static void oauth(ObjectNode settings, Request request) {
        List<String> flows = request.allowedOAuthFlows() == null ? List.of() : request.allowedOAuthFlows();
        boolean enabled = Boolean.TRUE.equals(request.allowedOAuthFlowsUserPoolClient());
        if (flows.contains("client_credentials") && (flows.contains("code") || flows.contains("implicit"))) {
            throw CognitoException.invalidParameter("client_credentials flow can not be selected along with code flow or implicit flow.");
        }
        if (enabled && (flows.isEmpty() || request.allowedOAuthScopes() == null || request.allowedOAuthScopes().isEmpty())) {
            throw CognitoException.invalidParameter(
                    "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.");
        }
        if (enabled && (flows.contains("code") || flows.contains("implicit"))
                && (request.callbackURLs() == null || request.callbackURLs().isEmpty())) {
            // Cognito's own exception and wording for this one rule (clients and IaC tools match on the type)
            throw new CognitoException("InvalidOAuthFlowException",
                    "CallbackUrls can not be empty when code flow or implicit flow is selected");
        }
        list(settings, "AllowedOAuthFlows", request.allowedOAuthFlows() == null ? null : flows.stream().distinct().toList());
        list(settings, "AllowedOAuthScopes", request.allowedOAuthScopes() == null ? null
                : request.allowedOAuthScopes().stream().distinct().toList());
        settings.put("AllowedOAuthFlowsUserPoolClient", enabled);
    }

    private static List<String> urls(String kind, List<String> urls) {
        if (urls != null) {
            urls.forEach(value -> url(kind, value));
        }
        return urls == null ? null : urls.stream().distinct().toList();
    }

    /**
     * As Cognito: an absolute URI without a fragment; {@code https}, {@code http} only for localhost (loopback
     * testing), or an app's own scheme ({@code myapp://callback}).
     */
    static void url(String kind, String value) {
        String problem = null;
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !uri.isAbsolute()) {
                problem = "it is not an absolute URL";
            } else if (uri.getRawFragment() != null) {
                problem = "it must not contain a fragment";
            } else if (scheme.equals("http") && !"localhost".equalsIgnoreCase(uri.getHost())) {
                problem = "http is allowed only for localhost; use https";
            } else if ((scheme.equals("http") || scheme.equals("https")) && (uri.getHost() == null || uri.getHost().isEmpty())) {
                problem = "it has no host";
            }
        } catch (URISyntaxException e) {
            problem = "it is not a valid URL";
        }
        if (problem != null) {
            throw CognitoException.invalidParameter("Invalid " + kind + " URL " + value + ": " + problem + ".");
        }
    }

    private static void eachOf(Validation validation, String member, List<String> values, List<String> allowed) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                validation.required(member + "." + (i + 1) + ".member", values.get(i))
                        .oneOf(member + "." + (i + 1) + ".member", values.get(i), allowed);
            }
        }
    }

    private static void strings(Validation validation, String member, List<String> values, int maxItems, int maxLength, Pattern pattern) {
        if (values == null) {
            return;
        }
        validation.size(member, values, 0, maxItems);
        for (int i = 0; i < values.size(); i++) {
            String at = member + "." + (i + 1) + ".member";
            validation.required(at, values.get(i)).length(at, values.get(i), 1, maxLength).pattern(at, values.get(i), pattern);
        }
    }

    private static void list(ObjectNode settings, String member, List<String> values) {
        if (values != null) {
            ArrayNode array = settings.putArray(member);
            values.forEach(array::add);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
