package dev.cognate.identitypool;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.testkit.ScriptRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The tests' SAML 2.0 identity providers: npm {@code samlify} ({@code src/test/node-saml/saml_responses.mjs}) signs
 * IdP-initiated Responses with the keys of {@code src/test/resources/saml}, as an IdP federating with AWS does.
 * <ul>
 * <li>{@link #FILE_IDP_ARN}: entity {@link #FILE_IDP_ENTITY}, key {@code idp-key.pem}, its metadata a file
 *     ({@code local-idp-metadata.xml});</li>
 * <li>{@link #URL_IDP_ARN}: entity {@link #URL_IDP_ENTITY}, key {@code other-key.pem}, its metadata served by
 *     {@link LocalLoginProviders} at {@code /saml/metadata.xml} ({@link #metadata}).</li>
 * </ul>
 * {@link LocalLoginProvidersPortResource} configures both in {@code cognate.login-providers.saml-metadata}.
 */
public final class LocalSamlIdp {

    public static final Path SCRIPT_DIR = Path.of("src/test/node-saml");
    public static final Path KEYS = Path.of("src/test/resources/saml");
    public static final String FILE_IDP_ARN = "arn:aws:iam::000000000000:saml-provider/LocalIdP";
    public static final String FILE_IDP_ENTITY = "https://idp.cognate.test/saml";
    public static final String URL_IDP_ARN = "arn:aws:iam::000000000000:saml-provider/UrlIdP";
    public static final String URL_IDP_ENTITY = "https://url-idp.cognate.test/saml";
    public static final String AWS_SIGN_IN = "https://signin.aws.amazon.com/saml";
    public static final String AWS_AUDIENCE = "urn:amazon:webservices";
    public static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalSamlIdp() {
    }

    /** Whether node and the packages of {@code src/test/node-saml} are there (CI: {@code npm ci} in that directory). */
    public static boolean available() {
        return Files.isDirectory(SCRIPT_DIR.resolve("node_modules/samlify")) && ScriptRun.works("node", "--version");
    }

    /** One Response to sign: what a test changes of a valid, unexpired one for {@code nameId}. */
    public static final class Spec {
        final Map<String, Object> values = new LinkedHashMap<>();

        Spec(String nameId) {
            Instant now = Instant.now();
            values.put("nameId", nameId);
            values.put("audience", AWS_AUDIENCE);
            values.put("recipient", AWS_SIGN_IN);
            values.put("notBefore", now.minusSeconds(60).toString());
            values.put("notOnOrAfter", now.plusSeconds(300).toString());
            values.put("sign", "assertion");
            values.put("attributes", new LinkedHashMap<String, List<String>>());
        }

        public Spec attribute(String name, String... values) {
            attributes().put(name, List.of(values));
            return this;
        }

        /** Role attribute values {@code <role ARN>,<provider ARN>}. */
        public Spec roles(String providerArn, String... roleArns) {
            List<String> pairs = new ArrayList<>();
            for (String role : roleArns) {
                pairs.add(role + "," + providerArn);
            }
            attributes().put(ROLE_ATTRIBUTE, pairs);
            return this;
        }

        public Spec audience(String audience) {
            values.put("audience", audience);
            return this;
        }

        public Spec recipient(String recipient) {
            values.put("recipient", recipient);
            return this;
        }

        public Spec valid(Instant notBefore, Instant notOnOrAfter) {
            values.put("notBefore", notBefore.toString());
            values.put("notOnOrAfter", notOnOrAfter.toString());
            return this;
        }

        /** {@code assertion}, {@code response}, {@code both} or {@code none}. */
        public Spec sign(String what) {
            values.put("sign", what);
            return this;
        }

        /** Signed with the other test key than the issuer's own. */
        public Spec signedByOtherKey(String keyFile, String certFile) {
            values.put("keyPem", read(keyFile));
            values.put("certPem", read(certFile));
            return this;
        }

        /** The assertion encrypted (an {@code EncryptedAssertion}) to this test certificate. */
        public Spec encryptedTo(String certFile) {
            values.put("encryptToCertPem", read(certFile));
            return this;
        }

        @SuppressWarnings("unchecked")
        private Map<String, List<String>> attributes() {
            return (Map<String, List<String>>) values.get("attributes");
        }
    }

    public static Spec response(String nameId) {
        return new Spec(nameId);
    }

    /** The base64 Responses of the file IdP ({@link #FILE_IDP_ENTITY}, idp-key.pem) for the specs, in order. */
    public static List<String> fromFileIdp(Spec... specs) {
        return sign(FILE_IDP_ENTITY, "idp-key.pem", "idp-cert.pem", specs);
    }

    /** The base64 Responses of the URL IdP ({@link #URL_IDP_ENTITY}, other-key.pem). */
    public static List<String> fromUrlIdp(Spec... specs) {
        return sign(URL_IDP_ENTITY, "other-key.pem", "other-cert.pem", specs);
    }

    /** The base64 Responses of an IdP with this issuer and key pair. */
    public static List<String> sign(String issuer, String keyFile, String certFile, Spec... specs) {
        try {
            Path work = Files.createTempDirectory("saml-idp");
            Path request = work.resolve("request.json");
            Path responses = work.resolve("responses.json");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("issuer", issuer);
            body.put("keyPem", read(keyFile));
            body.put("certPem", read(certFile));
            body.put("responses", java.util.Arrays.stream(specs).map(spec -> spec.values).toList());
            JSON.writeValue(request.toFile(), body);
            ScriptRun run = ScriptRun.run(SCRIPT_DIR, Duration.ofMinutes(1),
                    List.of("node", "saml_responses.mjs", request.toAbsolutePath().toString(), responses.toAbsolutePath().toString()));
            if (!run.succeeded()) {
                throw new IllegalStateException("the samlify IdP failed:\n" + run.output());
            }
            return List.of(JSON.readValue(responses.toFile(), String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metadata XML of an IdP: its entity id and signing certificate, as an IdP publishes it. */
    public static String metadata(String entityId, String certFile) {
        String certificate = read(certFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + entityId + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data>"
                + "<ds:X509Certificate>" + certificate + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"" + entityId + "/sso\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    /** The decoded XML of a base64 Response, edited, encoded again: what an attacker holding a signed Response sends. */
    public static String edited(String base64Response, UnaryOperator<String> edit) {
        String xml = new String(java.util.Base64.getDecoder().decode(base64Response), java.nio.charset.StandardCharsets.UTF_8);
        String changed = edit.apply(xml);
        if (changed.equals(xml)) {
            throw new IllegalArgumentException("the edit changed nothing");
        }
        return java.util.Base64.getEncoder().encodeToString(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String read(String file) {
        try {
            return Files.readString(KEYS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
