package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.trigger.LambdaTriggers;
import dev.cognate.userpool.trigger.TriggerAdministration;
import dev.cognate.userpool.trigger.TriggerSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.SetTriggerSettings} ({@code {"UserPoolId", "PostEventTriggers",
 * "TimeoutSeconds"}}): how the pool's PostConfirmation and PostAuthentication run — {@code DURABLE} (the default: from the
 * outbox in trigger-runner, retried, dead-lettered) or {@code SYNCHRONOUS} (as Cognito: the call waits and fails with the
 * function) — and the timeout of each synchronous trigger call of the pool, 1–30 s. A member left out takes its default
 * (DURABLE; the installation's timeout, Cognito's 5 s), as Cognito's Update actions reset what they are not given.
 * Answers the settings stored, as DescribeTriggerSettings.
 */
@ApplicationScoped
public class SetTriggerSettingsAction implements CognateAdminAction<SetTriggerSettingsAction.Request, SetTriggerSettingsAction.Response> {

    public record Request(String userPoolId, String postEventTriggers, Integer timeoutSeconds) {
    }

    /** The pool's trigger settings as both actions answer them. */
    public record Response(String userPoolId, String postEventTriggers, int timeoutSeconds) {
        static Response of(String userPoolId, TriggerSettings settings) {
            return new Response(userPoolId, settings.postEventTriggers().name(), settings.timeoutSeconds());
        }
    }

    private final TriggerAdministration administration;
    private final LambdaTriggers triggers;

    public SetTriggerSettingsAction(TriggerAdministration administration, LambdaTriggers triggers) {
        this.administration = administration;
        this.triggers = triggers;
    }

    @Override
    public String name() {
        return "SetTriggerSettings";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation validation = UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .oneOf("postEventTriggers", request.postEventTriggers(),
                        Arrays.stream(TriggerSettings.PostEventMode.values()).map(Enum::name).toList())
                .range("timeoutSeconds", request.timeoutSeconds(), TriggerSettings.MIN_TIMEOUT_SECONDS, TriggerSettings.MAX_TIMEOUT_SECONDS);
        validation.throwIfInvalid();
        TriggerSettings defaults = TriggerSettings.defaults(triggers.defaultTimeout());
        TriggerSettings changed = new TriggerSettings(request.postEventTriggers() == null ? defaults.postEventTriggers()
                : TriggerSettings.PostEventMode.valueOf(request.postEventTriggers()),
                request.timeoutSeconds() == null ? defaults.timeoutSeconds() : request.timeoutSeconds());
        return administration.setSettings(request.userPoolId(), changed).map(saved -> Response.of(request.userPoolId(), saved));
    }
}
