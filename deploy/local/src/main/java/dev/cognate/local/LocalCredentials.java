package dev.cognate.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Secrets of one checkout's local stack, generated on its first run and kept in the state directory so that a
 * configured AWS CLI profile and the demo user's password survive restarts. Local use only: the key id starts with
 * {@code LOCAL} so no one mistakes it for an AWS key.
 */
record LocalCredentials(String operatorAccessKeyId, String operatorSecretAccessKey, String demoPassword) {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static LocalCredentials loadOrCreate(Path file, ObjectMapper json) throws IOException {
        if (Files.exists(file)) {
            return json.readValue(file.toFile(), LocalCredentials.class);
        }
        LocalCredentials generated = generate();
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), generated);
        Files.move(temporary, file);
        return generated;
    }

    static LocalCredentials generate() {
        String accessKeyId = "LOCAL" + random(UPPER + DIGITS, 15);
        String secretAccessKey = random(UPPER + LOWER + DIGITS, 40);
        // Meets Cognito's default password policy: upper and lower case, a digit and a symbol, 8+ characters.
        String demoPassword = "Demo-" + random(UPPER + LOWER + DIGITS, 10) + "a7Z";
        return new LocalCredentials(accessKeyId, secretAccessKey, demoPassword);
    }

    private static String random(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
