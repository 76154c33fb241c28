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
    /** Beyond Cognito: attributes changed or removed by {@code CognateAdmin.UpdateUserPoolSchema}, users' data included. */
    public static final EventType<SchemaChanged> POOL_SCHEMA_UPDATED =
            new EventType<>("cognate.userpool.pool.schema.updated.v1", SchemaChanged.class);
    /** A user signed in through the API (InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge ...): tokens were issued. */
    public static final EventType<SignedIn> USER_SIGNED_IN =
            new EventType<>("cognate.userpool.user.signed_in.v1", SignedIn.class);
    /** A sign-in was refused; {@code reason} is the audit reason (wrong_password, unknown_user, locked, disabled, ...). */
    public static final EventType<SignInFailed> USER_SIGN_IN_FAILED =
            new EventType<>("cognate.userpool.user.sign_in_failed.v1", SignInFailed.class);

    public static final EventType<ClientChanged> CLIENT_CREATED =
            new EventType<>("cognate.userpool.client.created.v1", ClientChanged.class);
    public static final EventType<ClientChanged> CLIENT_UPDATED =
            new EventType<>("cognate.userpool.client.updated.v1", ClientChanged.class);
    public static final EventType<ClientChanged> CLIENT_DELETED =
            new EventType<>("cognate.userpool.client.deleted.v1", ClientChanged.class);

    public static final EventType<UserChanged> USER_CREATED =
            new EventType<>("cognate.userpool.user.created.v1", UserChanged.class);
    /** Attributes changed or deleted; {@code attributeNames} says which. */
    public static final EventType<UserChanged> USER_UPDATED =
            new EventType<>("cognate.userpool.user.updated.v1", UserChanged.class);
    public static final EventType<UserChanged> USER_DELETED =
            new EventType<>("cognate.userpool.user.deleted.v1", UserChanged.class);
    public static final EventType<UserChanged> USER_DISABLED =
            new EventType<>("cognate.userpool.user.disabled.v1", UserChanged.class);
    public static final EventType<UserChanged> USER_ENABLED =
            new EventType<>("cognate.userpool.user.enabled.v1", UserChanged.class);
    public static final EventType<UserChanged> USER_CONFIRMED =
            new EventType<>("cognate.userpool.user.confirmed.v1", UserChanged.class);
    /** The user's password was set: by an administrator (permanent or temporary) or by the user with a reset code (ConfirmForgotPassword). */
    public static final EventType<UserChanged> USER_PASSWORD_SET =
            new EventType<>("cognate.userpool.user.password.set.v1", UserChanged.class);
    /** An administrator required a password reset (status RESET_REQUIRED). */
    public static final EventType<UserChanged> USER_PASSWORD_RESET =
            new EventType<>("cognate.userpool.user.password.reset.v1", UserChanged.class);
    /** MFA options or preferences changed. */
    public static final EventType<UserChanged> USER_MFA_UPDATED =
            new EventType<>("cognate.userpool.user.mfa.updated.v1", UserChanged.class);
    /**
     * A user signed themselves up (SignUp): the self-service counterpart of {@link #USER_CREATED}, status UNCONFIRMED
     * until ConfirmSignUp ({@link #USER_CONFIRMED}); {@code attributeNames} lists the attributes given.
     */
    public static final EventType<UserChanged> USER_SIGNED_UP =
            new EventType<>("cognate.userpool.user.signed_up.v1", UserChanged.class);
    public static final EventType<GroupMembershipChanged> GROUP_MEMBERSHIP_CHANGED =
            new EventType<>("cognate.userpool.group.membership.changed.v1", GroupMembershipChanged.class);

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

    /**
     * Beyond Cognito: a post-event trigger (PostConfirmation, PostAuthentication) for trigger-runner to run durably (retried,
     * then dead-lettered), written with the state change that causes it. Carries Cognito's whole trigger event, user
     * attributes included, so it is never delivered to event subscriptions.
     */
    public static final EventType<PostTriggerRequested> POST_TRIGGER_REQUESTED =
            new EventType<>("cognate.userpool.trigger.requested.v1", PostTriggerRequested.class);

    private UserPoolEvents() {
    }

    /** The {@code type} of every user pool event, as event subscriptions name them (the trigger requests excluded). */
    public static java.util.List<String> subscribableTypes() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (java.lang.reflect.Field field : UserPoolEvents.class.getFields()) {
            if (field.getType() == EventType.class && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                try {
                    String name = ((EventType<?>) field.get(null)).name();
                    if (!name.equals(POST_TRIGGER_REQUESTED.name())) {
                        names.add(name);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return java.util.List.copyOf(names);
    }

    /**
     * A post-event trigger to call: {@code trigger} the {@code LambdaConfig} member, {@code target} its URL or ARN,
     * {@code timeoutMillis} the pool's trigger timeout, {@code event} Cognito's event JSON as the function receives it.
     */
    public record PostTriggerRequested(String userPoolId, String trigger, String target, long timeoutMillis,
                                       com.fasterxml.jackson.databind.JsonNode event) {
    }

    /** A user pool was created, updated or deleted. */
    public record PoolChanged(String userPoolId, String name) {
    }

    /**
     * A pool's schema changed: {@code changedAttributes} got new {@code Required}/{@code Mutable}/constraints,
     * {@code removedAttributes} were deleted from the schema and from {@code usersChanged} users.
     */
    public record SchemaChanged(String userPoolId, java.util.List<String> changedAttributes, java.util.List<String> removedAttributes,
                                long usersChanged) {
    }

    /** An app client of a pool was created, updated or deleted (never carries its secret). */
    public record ClientChanged(String userPoolId, String clientId, String clientName) {
    }

    /**
     * A user changed. Attribute values are never in events; {@code attributeNames} lists the attributes
     * an update wrote or deleted (empty for other changes).
     */
    public record UserChanged(String userPoolId, String sub, String username, String userStatus, boolean enabled,
                              java.util.List<String> attributeNames) {
    }

    /** A user was added to ({@code member} true) or removed from a group. */
    public record GroupMembershipChanged(String userPoolId, String groupName, String sub, String username, boolean member) {
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

    /** {@code authFlow} as the request named it (USER_PASSWORD_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH, ...). */
    public record SignedIn(String userPoolId, String sub, String username, String clientId, String authFlow) {
    }

    /**
     * {@code sub} is {@code null} when no user has the name given ({@code reason} unknown_user); {@code username} is the
     * name as given. Never carries the password.
     */
    public record SignInFailed(String userPoolId, String sub, String username, String clientId, String authFlow, String reason) {
    }
}
