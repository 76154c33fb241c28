package dev.cognate.events;

import java.util.List;

/**
 * The events identity-pool-service publishes on {@link Topics#IDENTITY_EVENTS}, with their payloads.
 */
public final class IdentityPoolEvents {

    public static final EventType<PoolChanged> POOL_CREATED =
            new EventType<>("cognate.identity.pool.created.v1", PoolChanged.class);
    public static final EventType<PoolChanged> POOL_UPDATED =
            new EventType<>("cognate.identity.pool.updated.v1", PoolChanged.class);
    public static final EventType<PoolChanged> POOL_DELETED =
            new EventType<>("cognate.identity.pool.deleted.v1", PoolChanged.class);

    /** GetId created an identity (a guest, or one with its first logins). */
    public static final EventType<IdentityChanged> IDENTITY_CREATED =
            new EventType<>("cognate.identity.identity.created.v1", IdentityChanged.class);
    /** Logins were linked to an existing identity (GetId, GetCredentialsForIdentity): a guest became authenticated. */
    public static final EventType<IdentityChanged> IDENTITY_LOGINS_LINKED =
            new EventType<>("cognate.identity.identity.logins-linked.v1", IdentityChanged.class);
    /** Logins were unlinked from an identity (UnlinkIdentity, UnlinkDeveloperIdentity); without logins left it is disabled. */
    public static final EventType<IdentityChanged> IDENTITY_LOGINS_UNLINKED =
            new EventType<>("cognate.identity.identity.logins-unlinked.v1", IdentityChanged.class);
    /** An identity was deleted (DeleteIdentities); {@code logins} are those it had. */
    public static final EventType<IdentityChanged> IDENTITY_DELETED =
            new EventType<>("cognate.identity.identity.deleted.v1", IdentityChanged.class);
    /** Identities were merged into one (GetId, GetCredentialsForIdentity, MergeDeveloperIdentities, ...): the others are disabled. */
    public static final EventType<IdentitiesMerged> IDENTITIES_MERGED =
            new EventType<>("cognate.identity.identity.merged.v1", IdentitiesMerged.class);

    private IdentityPoolEvents() {
    }

    /** An identity pool was created, updated or deleted. */
    public record PoolChanged(String identityPoolId, String identityPoolName) {
    }

    /**
     * An identity was created or gained logins.
     *
     * @param logins the provider names linked to the identity after the change (empty for a guest)
     */
    public record IdentityChanged(String identityPoolId, String identityId, List<String> logins) {
    }

    /**
     * Identities were merged into {@code identityId}, which now holds their logins; the merged ones are disabled.
     *
     * @param mergedIdentityIds the identities merged into it (now disabled)
     * @param logins            the provider names linked to {@code identityId} after the merge
     */
    public record IdentitiesMerged(String identityPoolId, String identityId, List<String> mergedIdentityIds, List<String> logins) {
    }
}
