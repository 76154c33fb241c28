package dev.cognate.userpool.federation.oidc;

import dev.cognate.testkit.Ports;
import dev.cognate.testkit.ScriptRun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The certified OpenID Provider {@code oidc-provider} ({@code src/test/node-oidc-provider/server.mjs}) as the upstream
 * identity provider, started once per JVM on {@link FederationTestProfile#OP_PORT} and stopped with the JVM (its stdin
 * closes). Its clients redirect to {@link #REDIRECT_URI}, the tests' login domain's {@code /oauth2/idpresponse}.
 */
final class UpstreamOpenIdProvider {

    static final String HOSTED_UI = "https://auth.cognate.test";
    static final String REDIRECT_URI = HOSTED_UI + "/oauth2/idpresponse";
    static final String CONFIDENTIAL_CLIENT = "cognate-confidential";
    static final String CONFIDENTIAL_SECRET = "cognate-upstream-secret";
    static final String PUBLIC_CLIENT = "cognate-public";
    private static final Path DIRECTORY = Path.of("src/test/node-oidc-provider");

    private static Process process;

    private UpstreamOpenIdProvider() {
    }

    static boolean available() {
        return Files.isDirectory(DIRECTORY.resolve("node_modules/oidc-provider")) && ScriptRun.works("node", "--version");
    }

    /** The provider's issuer, starting it on first use. */
    static synchronized String issuer() throws IOException, InterruptedException {
        // Quarkus loads this class once per test profile: another copy of it may have started the provider already
        if ((process == null || !process.isAlive()) && !Ports.isListening(FederationTestProfile.OP_PORT)) {
            process = new ProcessBuilder("node", "server.mjs", Integer.toString(FederationTestProfile.OP_PORT), REDIRECT_URI)
                    .directory(DIRECTORY.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
            BufferedReader output = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = output.readLine(); line != null; line = output.readLine()) {
                        if (line.startsWith("ready ")) {
                            return line.substring("ready ".length());
                        }
                    }
                    return null;
                } catch (IOException e) {
                    return null;
                }
            });
            try {
                String issuer = ready.get(30, TimeUnit.SECONDS);
                if (issuer == null) {
                    throw new IOException("oidc-provider ended before it listened");
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                started.destroy();
                throw new IOException("oidc-provider did not start", e);
            }
        }
        return FederationTestProfile.opIssuer();
    }
}
