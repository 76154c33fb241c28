package dev.cognate.testkit;

/** One embedded server that can be stopped and started again on the same port with the same data. */
interface ManagedServer {

    /** Human readable name used in logs and errors, e.g. "PostgreSQL". */
    String name();

    int port();

    /** Starts the server; does nothing when it already runs. Cleans up after itself when it fails. */
    void start() throws Exception;

    /** Stops the server; does nothing when it is not running. */
    void stop() throws Exception;

    boolean isRunning();
}
