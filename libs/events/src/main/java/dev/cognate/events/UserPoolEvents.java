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

    public static final EventType<ClientChanged> CLIENT_CREATED =
            new EventType<>("cognate.userpool.client.created.v1", ClientChanged.class);
    public static final EventType<ClientChanged> CLIENT_UPDATED =
            new EventType<>("cognate.userpool.client.updated.v1", ClientChanged.class);
    public static final EventType<ClientChanged> CLIENT_DELETED =
            new EventType<>("cognate.userpool.client.deleted.v1", ClientChanged.class);

    public static final EventType<GroupChanged> GROUP_CREATED =
            new EventType<>("cognate.userpool.group.created.v1", GroupChanged.class);
    public static final EventType<GroupChanged> GROUP_UPDATED =
            new EventType<>("cognate.userpool.group.updated.v1", GroupChanged.class);
    public static final EventType<GroupChanged> GROUP_DELETED =
            new EventType<>("cognate.userpool.group.deleted.v1", GroupChanged.class);

    public static final EventType<ResourceServerChanged> RESOURCE_SERVER_CREATED =
            new EventType<>("cognate.userpool.resourceserver.created.v1", ResourceServerChanged.class);
    public static final EventType<ResourceServerChanged> RESOURCE_SERVER_UPDATED =
            new EventType<>("cognate.userpool.resourceserver.updated.v1", ResourceServerChanged.class);
    public static final EventType<ResourceServerChanged> RESOURCE_SERVER_DELETED =
            new EventType<>("cognate.userpool.resourceserver.deleted.v1", ResourceServerChanged.class);

    public static final EventType<DomainChanged> DOMAIN_CREATED =
            new EventType<>("cognate.userpool.domain.created.v1", DomainChanged.class);
    public static final EventType<DomainChanged> DOMAIN_UPDATED =
            new EventType<>("cognate.userpool.domain.updated.v1", DomainChanged.class);
    public static final EventType<DomainChanged> DOMAIN_DELETED =
            new EventType<>("cognate.userpool.domain.deleted.v1", DomainChanged.class);

    public static final EventType<IdentityProviderChanged> IDENTITY_PROVIDER_CREATED =
            new EventType<>("cognate.userpool.identityprovider.created.v1", IdentityProviderChanged.class);
    public static final EventType<IdentityProviderChanged> IDENTITY_PROVIDER_UPDATED =
            new EventType<>("cognate.userpool.identityprovider.updated.v1", IdentityProviderChanged.class);
    public static final EventType<IdentityProviderChanged> IDENTITY_PROVIDER_DELETED =
            new EventType<>("cognate.userpool.identityprovider.deleted.v1", IdentityProviderChanged.class);

    private UserPoolEvents() {
    }

    /** A user pool was created, updated or deleted. */
    public record PoolChanged(String userPoolId, String name) {
    }

    /** An app client of a pool was created, updated or deleted (never carries its secret). */
    public record ClientChanged(String userPoolId, String clientId, String clientName) {
    }

    /** A group of a pool was created, updated or deleted. */
    public record GroupChanged(String userPoolId, String groupName) {
    }

    /** A resource server (with its scopes) of a pool was created, updated or deleted. */
    public record ResourceServerChanged(String userPoolId, String identifier) {
    }

    /** A domain (prefix or custom) of a pool's hosted login was created, updated or deleted. */
    public record DomainChanged(String userPoolId, String domain) {
    }

    /** A federated identity provider of a pool was created, updated or deleted (never carries its secrets). */
    public record IdentityProviderChanged(String userPoolId, String providerName, String providerType) {
    }
}
