package dev.cognate.identitypool.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/** Identity ids as Cognito's: {@code <region>:<uuid>}. */
public final class IdentityIds {

    /** The {@code IdentityId} pattern of the API reference (length 1–55). */
    public static final Pattern PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

    private IdentityIds() {
    }

    public static String newId(String region) {
        return region + ":" + UUID.randomUUID();
    }
}
