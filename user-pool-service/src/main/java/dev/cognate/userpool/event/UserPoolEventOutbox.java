package dev.cognate.userpool.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventType;
import dev.cognate.events.Topics;
import dev.cognate.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.UUID;

/**
 * Writes a user pool event to the outbox, in the transaction of the change it describes: topic
 * {@code cognate.userpool.events}, source {@code /userpools/{poolId}}, key = pool id so one pool's
 * events stay in order.
 */
public final class UserPoolEventOutbox {

    private UserPoolEventOutbox() {
    }

    public static <T> Uni<Void> publish(SqlClient transaction, String userPoolId, EventType<T> type, T data) {
        CloudEvent event = CloudEvent.of(type, CloudEvent.userPoolSource(userPoolId), null, data);
        return Outbox.append(transaction, Topics.USER_POOL_EVENTS, userPoolId, event);
    }

    /** A user's event: subject = the user's {@code sub}, key {@code poolId/sub} so one user's events stay in order (DESIGN.md §4). */
    public static <T> Uni<Void> publishForUser(SqlClient transaction, String userPoolId, UUID sub, EventType<T> type, T data) {
        CloudEvent event = CloudEvent.of(type, CloudEvent.userPoolSource(userPoolId), sub.toString(), data);
        return Outbox.append(transaction, Topics.USER_POOL_EVENTS, userPoolId + "/" + sub, event);
    }

    /** A delivery request on {@code cognate.messages}, keyed like the user's events. */
    public static <T> Uni<Void> publishMessage(SqlClient transaction, String userPoolId, UUID sub, EventType<T> type, T data) {
        CloudEvent event = CloudEvent.of(type, CloudEvent.userPoolSource(userPoolId), sub.toString(), data);
        return Outbox.append(transaction, Topics.MESSAGES, userPoolId + "/" + sub, event);
    }
}
