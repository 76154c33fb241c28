package dev.cognate.events;

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

    private IdentityPoolEvents() {
    }

    /** An identity pool was created, updated or deleted. */
    public record PoolChanged(String identityPoolId, String identityPoolName) {
    }
}
