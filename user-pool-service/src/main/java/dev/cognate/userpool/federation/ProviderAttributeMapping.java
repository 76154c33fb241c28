package dev.cognate.userpool.federation;

import dev.cognate.userpool.domain.FederatedIdentities;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A provider's {@code AttributeMapping} (pool attribute → the provider's attribute name) applied to what the provider
 * said about a user. Only mapped attributes are written, as Cognito: an unmapped {@code email_verified} stays unset.
 * The {@code username} key is not an attribute: it names the provider attribute that is the user's subject.
 */
public final class ProviderAttributeMapping {

    public static final String USERNAME = "username";

    private ProviderAttributeMapping() {
    }

    /** The pool attributes {@code mapping} takes from {@code providerAttributes} (absent provider attributes are skipped). */
    public static Map<String, String> apply(Map<String, String> mapping, Map<String, String> providerAttributes) {
        Map<String, String> mapped = new LinkedHashMap<>();
        mapping.forEach((poolAttribute, providerAttribute) -> {
            if (USERNAME.equals(poolAttribute) || FederatedIdentities.ATTRIBUTE.equals(poolAttribute)) {
                return;
            }
            String value = providerAttributes.get(providerAttribute);
            if (value != null) {
                mapped.put(poolAttribute, isVerifiedFlag(poolAttribute) ? flag(value) : value);
            }
        });
        return mapped;
    }

    private static boolean isVerifiedFlag(String poolAttribute) {
        return "email_verified".equals(poolAttribute) || "phone_number_verified".equals(poolAttribute);
    }

    /** Providers send verification flags as JSON booleans or strings ("true", "True"): stored as Cognito's "true"/"false". */
    private static String flag(String value) {
        return "true".equals(value.strip().toLowerCase(Locale.ROOT)) ? "true" : "false";
    }
}
