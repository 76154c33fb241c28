package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cognito's post-event triggers, PostConfirmation ({@code PostConfirmation_ConfirmSignUp} after ConfirmSignUp and
 * AdminConfirmSignUp, {@code PostConfirmation_ConfirmForgotPassword} after ConfirmForgotPassword) and PostAuthentication
 * ({@code PostAuthentication_Authentication} at the end of every sign-in), with Cognito's events. Two steps, because
 * how they run is the pool's setting ({@link TriggerSettings.PostEventMode}):
 * <ol>
 * <li>{@link #record}, in the state change's transaction: for a {@code DURABLE} pool the whole event is written to the
 * outbox ({@link UserPoolEvents#POST_TRIGGER_REQUESTED}), so it commits with the change and trigger-runner runs it
 * (retried, dead-lettered, replayable); for a {@code SYNCHRONOUS} pool the call is returned for the second step.</li>
 * <li>{@link #runSynchronously}, after the commit: the call, with Cognito's errors. As Cognito, a failed PostConfirmation
 * fails the call although the user stays confirmed; PostAuthentication runs before any token is minted, so a failure
 * returns none.</li>
 * </ol>
 */
@ApplicationScoped
public class PostEventTriggers {

    public static final String POST_CONFIRMATION = "PostConfirmation";
    public static final String POST_AUTHENTICATION = "PostAuthentication";
    public static final String CONFIRM_SIGN_UP = "PostConfirmation_ConfirmSignUp";
    public static final String CONFIRM_FORGOT_PASSWORD = "PostConfirmation_ConfirmForgotPassword";
    public static final String AUTHENTICATION = "PostAuthentication_Authentication";

    /** A synchronous call left for after the commit; {@link #NONE} when there is nothing to call. */
    public record Pending(String poolId, String trigger, String target, ObjectNode event) {
        public static final Pending NONE = new Pending(null, null, null, null);
    }

    private final LambdaTriggers triggers;

    public PostEventTriggers(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    /** PostConfirmation of {@code user}, just confirmed (or given a new password), in {@code tx}. */
    public Uni<Pending> confirmed(SqlClient tx, UserPool pool, User user, String triggerSource, TriggerCaller caller) {
        String target = pool.config().lambdaConfig().path(POST_CONFIRMATION).asText(null);
        if (target == null) {
            return Uni.createFrom().item(Pending.NONE);
        }
        ObjectNode event = TriggerEvents.envelope("1", triggerSource, pool.id(), user.username(), caller.clientId());
        ObjectNode request = (ObjectNode) event.get("request");
        request.set("userAttributes", TriggerEvents.stringMap(attributesOf(user)));
        if (caller.clientMetadata() != null) {
            request.set("clientMetadata", TriggerEvents.stringMap(caller.clientMetadata()));
        }
        return record(tx, pool, user, POST_CONFIRMATION, target, event);
    }

    /**
     * PostAuthentication of {@code user}, signed in through {@code clientId}, in the sign-in's transaction, with the
     * {@code ClientMetadata} of the step that ended it (RespondToAuthChallenge's, as Cognito; InitiateAuth's is not passed).
     */
    public Uni<Pending> authenticated(SqlClient tx, UserPool pool, User user, String clientId, Map<String, String> clientMetadata) {
        return authenticated(tx, pool, user, clientId, clientMetadata, false);
    }

    /** As above; {@code newDeviceUsed} when the sign-in issued a new device key (a pool with device tracking). */
    public Uni<Pending> authenticated(SqlClient tx, UserPool pool, User user, String clientId, Map<String, String> clientMetadata,
                                     boolean newDeviceUsed) {
        String target = pool.config().lambdaConfig().path(POST_AUTHENTICATION).asText(null);
        if (target == null) {
            return Uni.createFrom().item(Pending.NONE);
        }
        ObjectNode event = TriggerEvents.envelope("1", AUTHENTICATION, pool.id(), user.username(), clientId);
        ObjectNode request = (ObjectNode) event.get("request");
        request.put("newDeviceUsed", newDeviceUsed);
        request.set("userAttributes", TriggerEvents.stringMap(attributesOf(user)));
        if (clientMetadata != null) {
            request.set("clientMetadata", TriggerEvents.stringMap(clientMetadata));
        }
        return record(tx, pool, user, POST_AUTHENTICATION, target, event);
    }

    private Uni<Pending> record(SqlClient tx, UserPool pool, User user, String trigger, String target, ObjectNode event) {
        return triggers.settingsOf(tx, pool.id()).chain(settings -> {
            if (settings.postEventTriggers() == TriggerSettings.PostEventMode.SYNCHRONOUS) {
                return Uni.createFrom().item(new Pending(pool.id(), trigger, target, event));
            }
            return UserPoolEventOutbox.publishForUser(tx, pool.id(), user.sub(), UserPoolEvents.POST_TRIGGER_REQUESTED,
                            new UserPoolEvents.PostTriggerRequested(pool.id(), trigger, target, settings.timeout().toMillis(), event))
                    .replaceWith(Pending.NONE);
        });
    }

    /** The synchronous call, after the commit: its answer is not used; its failure is Cognito's exception. */
    public Uni<Void> runSynchronously(Pending pending) {
        if (pending == null || pending.trigger() == null) {
            return Uni.createFrom().voidItem();
        }
        return triggers.invoke(pending.poolId(), pending.trigger(), pending.target(), pending.event()).replaceWithVoid();
    }

    /** The user's attributes as Cognito sends them to triggers: {@code sub}, the attributes, {@code cognito:user_status}. */
    static Map<String, String> attributesOf(User user) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", user.sub().toString());
        attributes.putAll(user.attributes());
        attributes.put("cognito:user_status", user.status().name());
        return attributes;
    }
}
