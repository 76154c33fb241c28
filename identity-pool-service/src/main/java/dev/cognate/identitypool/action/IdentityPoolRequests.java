package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.domain.CognitoIdentityProvider;
import dev.cognate.identitypool.domain.IdentityPoolConfiguration;
import dev.cognate.identitypool.domain.IdentityPoolIds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Constraints of the identity pool actions, with the member names and limits of the Cognito Identity
 * API reference, reported in AWS's "N validation errors detected: ..." form.
 */
final class IdentityPoolRequests {

    static final Pattern POOL_NAME = Pattern.compile("[\\w\\s+=,.@-]+");
    static final Pattern DEVELOPER_PROVIDER_NAME = Pattern.compile("[\\w._-]+");
    static final Pattern IDENTITY_PROVIDER_ID = Pattern.compile("[\\w.;_/-]+");
    static final Pattern PROVIDER_NAME = Pattern.compile("[\\w._:/-]+");
    static final Pattern CLIENT_ID = Pattern.compile("[\\w_]+");
    static final Pattern PAGINATION_KEY = Pattern.compile("[\\S]+");
    static final int MAX_LOGIN_PROVIDERS = 10;
    static final int MAX_TAGS = 50;

    private IdentityPoolRequests() {
    }

    static Validation identityPoolId(Validation validation, String identityPoolId) {
        return validation.required("identityPoolId", identityPoolId)
                .length("identityPoolId", identityPoolId, 1, 55)
                .pattern("identityPoolId", identityPoolId, IdentityPoolIds.PATTERN);
    }

    /**
     * Validates the members Create and Update share and returns the configuration they describe,
     * with Cognito's defaults for members left out.
     *
     * @throws CognitoException {@code InvalidParameterException} listing every violation
     */
    static IdentityPoolConfiguration configuration(Validation validation, IdentityPoolInput request) {
        validation.required("identityPoolName", request.identityPoolName())
                .length("identityPoolName", request.identityPoolName(), 1, 128)
                .pattern("identityPoolName", request.identityPoolName(), POOL_NAME)
                .required("allowUnauthenticatedIdentities", request.allowUnauthenticatedIdentities());
        loginProviders(validation, request.supportedLoginProviders());
        validation.length("developerProviderName", request.developerProviderName(), 1, 128)
                .pattern("developerProviderName", request.developerProviderName(), DEVELOPER_PROVIDER_NAME);
        arns(validation, "openIdConnectProviderARNs", request.openIdConnectProviderARNs());
        List<CognitoIdentityProvider> providers = cognitoIdentityProviders(validation, request.cognitoIdentityProviders());
        arns(validation, "samlProviderARNs", request.samlProviderARNs());
        tags(validation, request.identityPoolTags());
        validation.throwIfInvalid();
        return new IdentityPoolConfiguration(request.allowUnauthenticatedIdentities(),
                Boolean.TRUE.equals(request.allowClassicFlow()), request.supportedLoginProviders(),
                request.developerProviderName(), request.openIdConnectProviderARNs(), providers, request.samlProviderARNs());
    }

    private static void loginProviders(Validation validation, Map<String, String> providers) {
        if (providers == null) {
            return;
        }
        validation.check(providers.size() <= MAX_LOGIN_PROVIDERS, violation(providers, "supportedLoginProviders",
                "Member must have length less than or equal to " + MAX_LOGIN_PROVIDERS));
        List<String> keyViolations = new ArrayList<>();
        List<String> valueViolations = new ArrayList<>();
        providers.forEach((name, appId) -> {
            if (name.isEmpty() || name.length() > 128) {
                addOnce(keyViolations, lengthViolation(name, 1, 128));
            }
            if (appId == null) {
                addOnce(valueViolations, "Member must not be null");
            } else {
                if (appId.isEmpty() || appId.length() > 128) {
                    addOnce(valueViolations, lengthViolation(appId, 1, 128));
                }
                if (!IDENTITY_PROVIDER_ID.matcher(appId).matches()) {
                    addOnce(valueViolations, "Member must satisfy regular expression pattern: " + IDENTITY_PROVIDER_ID.pattern());
                }
            }
        });
        validation.check(keyViolations.isEmpty(), violation(providers, "supportedLoginProviders",
                "Map keys must satisfy constraint: " + keyViolations));
        validation.check(valueViolations.isEmpty(), violation(providers, "supportedLoginProviders",
                "Map value must satisfy constraint: " + valueViolations));
    }

    private static void arns(Validation validation, String member, List<String> arns) {
        if (arns == null) {
            return;
        }
        for (int i = 0; i < arns.size(); i++) {
            String path = member + "." + (i + 1) + ".member";
            validation.required(path, arns.get(i)).length(path, arns.get(i), 20, 2048);
        }
    }

    private static List<CognitoIdentityProvider> cognitoIdentityProviders(Validation validation, List<IdentityPoolInput.Provider> providers) {
        if (providers == null) {
            return List.of();
        }
        List<CognitoIdentityProvider> result = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < providers.size(); i++) {
            String path = "cognitoIdentityProviders." + (i + 1) + ".member";
            IdentityPoolInput.Provider provider = providers.get(i);
            validation.required(path, provider);
            if (provider == null) {
                continue;
            }
            validation.length(path + ".providerName", provider.providerName(), 1, 128)
                    .pattern(path + ".providerName", provider.providerName(), PROVIDER_NAME)
                    .length(path + ".clientId", provider.clientId(), 1, 128)
                    .pattern(path + ".clientId", provider.clientId(), CLIENT_ID);
            complete &= provider.providerName() != null && provider.clientId() != null;
            result.add(new CognitoIdentityProvider(provider.providerName(), provider.clientId(),
                    Boolean.TRUE.equals(provider.serverSideTokenCheck())));
        }
        if (!complete && validation.isValid()) {
            // Cognito's answer when a provider lacks its ProviderName or ClientId.
            throw CognitoException.invalidParameter("Invalid Cognito Identity Provider");
        }
        return result;
    }

    private static void tags(Validation validation, Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        validation.check(tags.size() <= MAX_TAGS, violation(tags, "identityPoolTags",
                "Member must have length less than or equal to " + MAX_TAGS));
        List<String> keyViolations = new ArrayList<>();
        List<String> valueViolations = new ArrayList<>();
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128) {
                addOnce(keyViolations, lengthViolation(key, 1, 128));
            }
            if (value == null) {
                addOnce(valueViolations, "Member must not be null");
            } else if (value.length() > 256) {
                addOnce(valueViolations, lengthViolation(value, 0, 256));
            }
        });
        validation.check(keyViolations.isEmpty(), violation(tags, "identityPoolTags",
                "Map keys must satisfy constraint: " + keyViolations));
        validation.check(valueViolations.isEmpty(), violation(tags, "identityPoolTags",
                "Map value must satisfy constraint: " + valueViolations));
    }

    private static String violation(Object value, String member, String constraint) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint;
    }

    private static String lengthViolation(String value, int min, int max) {
        return "Member must have length " + (value.length() < min ? "greater than or equal to " + min : "less than or equal to " + max);
    }

    private static void addOnce(List<String> violations, String violation) {
        if (!violations.contains(violation)) {
            violations.add(violation);
        }
    }
}
