package dev.cognate.userpool.compat;

import java.io.IOException;

/** What the tests that drive the API with non-Java clients (boto3, Node libraries) need to know about this machine. */
public final class ScriptClients {

    private ScriptClients() {
    }

    /** Whether {@code command} runs and exits 0 here (e.g. {@code node --version}, {@code python3 -c "import boto3"}). */
    public static boolean works(String... command) throws InterruptedException {
        try {
            return new ProcessBuilder(command).start().waitFor() == 0;
        } catch (IOException missing) {
            return false;
        }
    }
}
