package dev.cognate.triggers.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every record this service's native image may bind with Jackson, registered for reflection in one place: the records
 * of {@code dev.cognate.triggers}, {@code dev.cognate.events}.
 * Quarkus registers the types of REST resource signatures by itself, but not what libs/aws-protocol binds generically,
 * the internal API bodies, CloudEvent payloads or JSON kept in Redis; listing every record (also some that never meet
 * Jackson) is simpler than deciding one by one and costs little. {@code NativeReflectionTest} fails, naming the lines
 * to add or remove, when this list and the records of these packages differ.
 */
@RegisterForReflection(classNames = {
        "dev.cognate.events.CloudEvent",
        "dev.cognate.events.EventType",
        "dev.cognate.events.IdentityPoolEvents$IdentitiesMerged",
        "dev.cognate.events.IdentityPoolEvents$IdentityChanged",
        "dev.cognate.events.IdentityPoolEvents$PoolChanged",
        "dev.cognate.events.MessageEvents$DeliveryRequested",
        "dev.cognate.events.MessageEvents$CustomSender",
        "dev.cognate.events.UserPoolEvents$ClientChanged",
        "dev.cognate.events.UserPoolEvents$DomainChanged",
        "dev.cognate.events.UserPoolEvents$GroupChanged",
        "dev.cognate.events.UserPoolEvents$GroupMembershipChanged",
        "dev.cognate.events.UserPoolEvents$IdentityProviderChanged",
        "dev.cognate.events.UserPoolEvents$PoolChanged",
        "dev.cognate.events.UserPoolEvents$PostTriggerRequested",
        "dev.cognate.events.UserPoolEvents$ResourceServerChanged",
        "dev.cognate.events.UserPoolEvents$SchemaChanged",
        "dev.cognate.events.UserPoolEvents$SignInFailed",
        "dev.cognate.events.UserPoolEvents$SignedIn",
        "dev.cognate.events.UserPoolEvents$UserChanged",
        "dev.cognate.events.oauth.AuthorizationCode",
        "dev.cognate.triggers.domain.DeliveryRequest",
        "dev.cognate.triggers.domain.OutgoingMessage",
        "dev.cognate.triggers.durable.EventDelivery",
        "dev.cognate.triggers.invoke.Attempt",
        "dev.cognate.triggers.invoke.RetryPolicy$Tried",
        "dev.cognate.triggers.invoke.WebhookCall$Answer",
        "dev.cognate.triggers.invoke.WebhookCall$Ready",
        "dev.cognate.triggers.invoke.WebhookCall$Refused",
        "dev.cognate.triggers.invoke.WebhookInvoker$Run",
        "dev.cognate.triggers.repository.InvocationLogRepository$Rows",
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
