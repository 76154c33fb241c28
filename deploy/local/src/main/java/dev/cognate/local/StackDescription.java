package dev.cognate.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code stack.json}: what a running stack offers, for scripts and tests to read instead of parsing the summary.
 * {@code demo} and its keys appear only for what exists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StackDescription(String region, Endpoints endpoints, OperatorCredentials operatorCredentials, Demo demo) {

    /** {@code sts}: identity-pool-service's STS (AWS Query protocol), where vended credentials are recognised. */
    record Endpoints(String userPool, String hostedUi, String identityPool, String triggerRunner, String sts) {

        static Endpoints local() {
            return new Endpoints(CognateService.USER_POOL.baseUrl(), CognateService.HOSTED_UI.baseUrl(),
                    CognateService.IDENTITY_POOL.baseUrl(), CognateService.TRIGGER_RUNNER.baseUrl(),
                    CognateService.IDENTITY_POOL.baseUrl() + "/sts");
        }
    }

    record OperatorCredentials(String accessKeyId, String secretAccessKey) {
    }

    /**
     * The seeded demo; {@code clientId}, {@code username} and {@code password} are null until those actions exist,
     * {@code identityPoolId} (the identity pool trusting the demo app client) when it could not be set up.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Demo(String userPoolId, String clientId, String username, String password, String identityPoolId) {

        Demo(String userPoolId, String clientId, String username, String password) {
            this(userPoolId, clientId, username, password, null);
        }

        Demo withIdentityPool(String identityPoolId) {
            return new Demo(userPoolId, clientId, username, password, identityPoolId);
        }
    }

    /** Replaces the file in one step, so a reader never sees half of it. */
    void writeTo(Path file, ObjectMapper json) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
