package dev.cognate.events;

/**
 * The events user-pool-service publishes on {@link Topics#USER_POOL_EVENTS}, with their payloads.
 */
public final class UserPoolEvents {

    public static final EventType<PoolChanged> POOL_CREATED =
            new EventType<>("cognate.userpool.pool.created.v1", PoolChanged.class);
    public static final EventType<PoolChanged> POOL_UPDATED =
            new EventType<>("cognate.userpool.pool.updated.v1", PoolChanged.class);
    public static final EventType<PoolChanged> POOL_DELETED =
            new EventType<>("cognate.userpool.pool.deleted.v1", PoolChanged.class);

    private UserPoolEvents() {
    }

    /** A user pool was created, updated or deleted. */
    public record PoolChanged(String userPoolId, String name) {
    }
}
