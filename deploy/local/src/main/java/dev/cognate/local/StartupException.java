package dev.cognate.local;

import java.util.Optional;

/** The stack could not come up; {@link #culprit()} names the process whose log explains why, when there is one. */
final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ManagedProcess culprit;

    StartupException(String message) {
        this(message, null);
    }

    StartupException(String message, ManagedProcess culprit) {
        super(message);
        this.culprit = culprit;
    }

    static StartupException exited(ManagedProcess process, String when) {
        return new StartupException(process.name() + " exited with code " + process.exitCode() + " " + when,
                process);
    }

    Optional<ManagedProcess> culprit() {
        return Optional.ofNullable(culprit);
    }
}
