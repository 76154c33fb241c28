package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.testkit.ScriptRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standard OpenID Connect relying party, openid-client unchanged ({@code src/test/node/relying-party.mjs}), for one
 * sign-in: {@link #begin} makes the authorization request (discovery, PKCE, state, nonce) and {@link #finish} redeems the
 * callback with every check the library makes. Its state between the two lives in a temporary file, removed on close.
 */
final class RelyingParty implements AutoCloseable {

    static final Path DIRECTORY = Path.of("src/test/node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path state;

    private RelyingParty(Path state) {
        this.state = state;
    }

    /** Whether node and the relying party's modules ({@code npm ci} in {@link #DIRECTORY}) are there. */
    static boolean installed() {
        return Files.isDirectory(DIRECTORY.resolve("node_modules/openid-client")) && ScriptRun.works("node", "--version");
    }

    static RelyingParty create() throws IOException {
        return new RelyingParty(Files.createTempFile("relying-party", ".json"));
    }

    /** The authorization URL of the app {@code clientId} at {@code issuer}, its callback {@code redirectUri}. */
    String begin(String issuer, String clientId, String redirectUri) {
        return node("begin", issuer, clientId, redirectUri, state.toString());
    }

    /** The library's summary of the redeemed callback: ID token and claims, userInfo, refresh, revocation, logout URL. */
    JsonNode finish(String callbackUrl, String postLogoutRedirectUri) throws IOException {
        return JSON.readTree(node("finish", state.toString(), callbackUrl, postLogoutRedirectUri));
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(state);
    }

    /** Runs the relying party; its answer is the last line of output (Node may print warnings before it). */
    private static String node(String... arguments) {
        List<String> command = new ArrayList<>(List.of("node", "relying-party.mjs"));
        command.addAll(List.of(arguments));
        ScriptRun run = ScriptRun.run(DIRECTORY, Duration.ofSeconds(60), command);
        assertThat(run.succeeded()).as("openid-client %s:%n%s", arguments[0], run.output()).isTrue();
        String[] lines = run.output().strip().split("\\R");
        return lines[lines.length - 1];
    }
}
