package dev.cognate.userpool.federation.saml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The real SAML 2.0 identity provider of these tests: {@code src/test/node-saml-idp/saml_idp.js} (samlify 2.13) run as a
 * process on a loopback port, with a signing pair this harness makes (and a rogue pair the pool does not trust). It
 * answers the pool's AuthnRequests and LogoutRequests as an IdP does, shaped by a scenario (see the script's header).
 */
final class SamlIdp implements AutoCloseable {

    static final Path SCRIPT_DIR = Path.of("src/test/node-saml-idp");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String base;
    private final Path keys;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SamlIdp(Process process, String base, Path keys) {
        this.process = process;
        this.base = base;
        this.keys = keys;
    }

    static boolean available() {
        return Files.isDirectory(SCRIPT_DIR.resolve("node_modules/samlify"));
    }

    static SamlIdp start() throws IOException {
        Path keys = Files.createTempDirectory("saml-idp");
        writePair(keys, "idp", SelfSignedCertificates.generate("saml-idp.test", "IdP signing", Instant.now()));
        writePair(keys, "rogue", SelfSignedCertificates.generate("saml-idp.test", "rogue", Instant.now()));
        Process process = new ProcessBuilder("node", "saml_idp.js", keys.toString()).directory(SCRIPT_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null) {
            process.destroy();
            throw new IllegalStateException("the SAML IdP did not start (npm ci in " + SCRIPT_DIR + "?)");
        }
        int port = JSON.readTree(first).path("port").asInt();
        return new SamlIdp(process, "http://127.0.0.1:" + port, keys);
    }

    private static void writePair(Path dir, String name, SelfSignedCertificates.KeyAndCertificate pair) throws IOException {
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve(name + "-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + pem.encodeToString(pair.privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        try {
            Files.writeString(dir.resolve(name + "-cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                    + pem.encodeToString(pair.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    String metadataUrl() {
        return base + "/metadata";
    }

    String metadataXml() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(metadataUrl())).GET()).body();
    }

    /** The pool whose SP metadata the IdP answers from now on. */
    void trust(String spMetadata) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/sp")).POST(HttpRequest.BodyPublishers.ofString(spMetadata)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the IdP refused the SP metadata: " + response.body());
        }
    }

    /** What the IdP answers the browser that followed {@code location} (the pool's redirect): status and JSON. */
    Answer signIn(String location, Map<String, Object> scenario) throws Exception {
        return answer(send(HttpRequest.newBuilder(URI.create(location)).header("x-scenario", JSON.writeValueAsString(scenario)).GET()));
    }

    /** An IdP-initiated response for the registered SP. */
    Answer unsolicited(Map<String, Object> scenario) throws Exception {
        return answer(send(HttpRequest.newBuilder(URI.create(base + "/unsolicited"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(scenario)))));
    }

    /** The IdP's answer to the pool's LogoutRequest at {@code location}. */
    Answer signOut(String location) throws Exception {
        return answer(send(HttpRequest.newBuilder(URI.create(location)).GET()));
    }

    /** An IdP-initiated sign-out of {@code nameId}: the IdP's signed LogoutRequest to the pool's {@code /saml2/logout}. */
    Answer idpLogout(String nameId, String relayState) throws Exception {
        return answer(send(HttpRequest.newBuilder(URI.create(base + "/idp-logout?nameId=" + nameId + "&relayState=" + relayState)).GET()));
    }

    record Answer(int status, JsonNode body) {
        String text(String member) {
            return body.path(member).isNull() ? null : body.path(member).asText(null);
        }
    }

    private Answer answer(HttpResponse<String> response) throws IOException {
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
            try (var files = Files.list(keys)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(keys);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
