package dev.cognate.triggers.invoke;

import dev.cognate.internalapi.TriggerInvocation.Result;

/**
 * One try at a function: how it ended, and whether the failure is one Cognito tries again (no answer within the
 * time, a connection failure, throttling, a server error that is not the function's own error).
 */
record Attempt(Result result, boolean retriable) {

    static Attempt finished(Result result) {
        return new Attempt(result, false);
    }

    static Attempt retriable(Result result) {
        return new Attempt(result, true);
    }
}
