package dev.cognate.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Secrets of one checkout's local stack, generated on its first run and kept in the state directory so that a
 * configured AWS CLI profile, the demo user's password and the data encrypted under the master key (client secrets)
 * survive restarts. Local use only: the key id starts with {@code LOCAL} so no one mistakes it for an AWS key.
 *
 * @param masterKey base64 of the 32-byte key user-pool-service seals secrets with and trigger-runner opens the codes
 *                  of {@code cognate.messages} with ({@code COGNATE_MASTER_KEY} of both)
 */
record LocalCredentials(String operatorAccessKeyId, String operatorSecretAccessKey, String demoPassword, String masterKey) {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static LocalCredentials loadOrCreate(Path file, ObjectMapper json) throws IOException {
        if (Files.exists(file)) {
            LocalCredentials stored = json.readValue(file.toFile(), LocalCredentials.class);
            if (stored.masterKey() != null) {
                return stored;
            }
            // Written before the stack had a master key: keep the rest, add one.
            LocalCredentials completed = new LocalCredentials(stored.operatorAccessKeyId(), stored.operatorSecretAccessKey(),
                    stored.demoPassword(), newMasterKey());
            save(file, json, completed);
            return completed;
        }
        LocalCredentials generated = generate();
        save(file, json, generated);
        return generated;
    }

    private static void save(Path file, ObjectMapper json, LocalCredentials credentials) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), credentials);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }

    static LocalCredentials generate() {
        String accessKeyId = "LOCAL" + random(UPPER + DIGITS, 15);
        String secretAccessKey = random(UPPER + LOWER + DIGITS, 40);
        // Meets Cognito's default password policy: upper and lower case, a digit and a symbol, 8+ characters.
        String demoPassword = "Demo-" + random(UPPER + LOWER + DIGITS, 10) + "a7Z";
        return new LocalCredentials(accessKeyId, secretAccessKey, demoPassword, newMasterKey());
    }

    private static String newMasterKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String random(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
