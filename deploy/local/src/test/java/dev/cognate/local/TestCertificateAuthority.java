package dev.cognate.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and one server certificate it signs for the given DNS names, made with the JDK's
 * own keytool (no extra library): what a TLS-terminating proxy serves ({@link #proxyPem()}: chain and key in one PEM,
 * as HAProxy reads it) and what clients trust ({@link #caPem()}). Valid for two days; lives in a test's temp folder.
 */
record TestCertificateAuthority(Path caPem, Path proxyPem, X509Certificate serverCertificate) {

    private static final String PASSWORD = "test-only";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    static TestCertificateAuthority create(Path directory, List<String> dnsNames) throws IOException, java.security.GeneralSecurityException {
        Files.createDirectories(directory);
        Path caStore = directory.resolve("ca.p12");
        Path serverStore = directory.resolve("server.p12");
        keytool(null, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=Cognate test CA", "-ext", "bc:c", "-keystore", caStore.toString(), "-storepass", PASSWORD);
        keytool(null, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + dnsNames.get(0), "-keystore", serverStore.toString(), "-storepass", PASSWORD);
        byte[] request = keytool(null, "-certreq", "-alias", "server", "-keystore", serverStore.toString(), "-storepass", PASSWORD);
        String subjectAlternativeNames = "SAN=" + String.join(",", dnsNames.stream().map(name -> "dns:" + name).toList());
        byte[] serverPem = keytool(request, "-gencert", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASSWORD,
                "-rfc", "-validity", "2", "-ext", subjectAlternativeNames, "-ext", "eku=serverAuth", "-ext", "ku:c=digitalSignature");
        byte[] caPem = keytool(null, "-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASSWORD);

        Path ca = Files.write(directory.resolve("ca.pem"), caPem);
        Path proxy = directory.resolve("proxy.pem");
        Files.writeString(proxy, new String(serverPem, StandardCharsets.US_ASCII) + new String(caPem, StandardCharsets.US_ASCII)
                + pem("PRIVATE KEY", privateKey(serverStore).getEncoded()));
        X509Certificate server = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(serverPem));
        return new TestCertificateAuthority(ca, proxy, server);
    }

    /** base64(SHA-256(SubjectPublicKeyInfo)) of the server's key: the form Chromium's SPKI allow-list takes. */
    String serverKeyPin() {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(serverCertificate.getPublicKey().getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(Path store) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            return (PrivateKey) keyStore.getKey("server", PASSWORD.toCharArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the server key from " + store, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Runs the keytool of the JDK running this test, with {@code input} on its standard input; returns its standard output. */
    private static byte[] keytool(byte[] input, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-noprompt"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (input != null) {
            process.getOutputStream().write(input);
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed with " + process.exitValue());
        }
        return output;
    }
}
