package dev.cognate.identitypool.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/** Identity pool ids as Cognito's: {@code <region>:<uuid>}, so SDKs can derive the region from them. */
public final class IdentityPoolIds {

    /** The {@code IdentityPoolId} pattern of the API reference. */
    public static final Pattern PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

    private IdentityPoolIds() {
    }

    public static String newId(String region) {
        return region + ":" + UUID.randomUUID();
    }
}
