package dev.cognate.userpool.trigger;

import java.util.Map;

/**
 * What the request that causes a trigger brings to its event: the app client ({@code callerContext.clientId};
 * null for admin actions) and the caller's {@code ValidationData} and {@code ClientMetadata} (null when absent).
 */
public record TriggerCaller(String clientId, Map<String, String> validationData, Map<String, String> clientMetadata) {

    /** An admin action with no client metadata. */
    public static final TriggerCaller ADMIN = new TriggerCaller(null, null, null);
}
