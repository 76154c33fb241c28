package dev.cognate.local;

/**
 * A journey through the hosted pages in {@link Chromium}, against a running stack: it sets up what it needs through
 * the operator's client, runs, and on close stops what it started beside the stack (the apps' server, an upstream
 * identity provider).
 */
interface BrowserJourney extends AutoCloseable {

    void run() throws Exception;
}
