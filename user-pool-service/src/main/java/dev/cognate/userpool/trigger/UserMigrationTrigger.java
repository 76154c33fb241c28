package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cognito's UserMigration trigger: a sign-in with a password ({@code UserMigration_Authentication}, with
 * {@code request.password}) or a ForgotPassword ({@code UserMigration_ForgotPassword}, no password) names a user the
 * pool does not have; the function looks the user up in the old directory and answers who it is:
 * {@code userAttributes} (required), {@code finalUserStatus} ({@code CONFIRMED} or {@code RESET_REQUIRED}),
 * {@code messageAction} ({@code SUPPRESS}, or absent for the welcome message), {@code desiredDeliveryMediums}
 * ({@code SMS}, {@code EMAIL}), {@code forceAliasCreation}. A function that does not know the user fails ("UserMigration
 * failed with error …"), like any other trigger. Anything else in the answer is an unrecognizable answer.
 */
@ApplicationScoped
public class UserMigrationTrigger {

    public static final String NAME = "UserMigration";
    public static final String AUTHENTICATION = "UserMigration_Authentication";
    public static final String FORGOT_PASSWORD = "UserMigration_ForgotPassword";

    /** What the function said about the user. */
    public record Migrated(Map<String, String> userAttributes, String finalUserStatus, boolean suppressMessage,
                           List<String> desiredDeliveryMediums, boolean forceAliasCreation, boolean enableSmsMfa) {

        /** An answer without {@code enableSMSMFA}. */
        public Migrated(Map<String, String> userAttributes, String finalUserStatus, boolean suppressMessage,
                        List<String> desiredDeliveryMediums, boolean forceAliasCreation) {
            this(userAttributes, finalUserStatus, suppressMessage, desiredDeliveryMediums, forceAliasCreation, false);
        }
    }

    private final LambdaTriggers triggers;

    public UserMigrationTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    /** Whether the pool migrates users at all. */
    public static boolean configured(ObjectNode lambdaConfig) {
        return lambdaConfig.hasNonNull(NAME);
    }

    /**
     * @param password       the password of the sign-in, {@code null} for ForgotPassword (Cognito sends none)
     * @param validationData InitiateAuth's {@code ClientMetadata} ({@code null} when absent)
     * @param clientMetadata ForgotPassword's {@code ClientMetadata} ({@code null} when absent)
     * @return empty when the pool has no UserMigration trigger
     */
    public Uni<Optional<Migrated>> run(String poolId, ObjectNode lambdaConfig, String triggerSource, String userName, String clientId,
                                       String password, Map<String, String> validationData, Map<String, String> clientMetadata) {
        LambdaTriggers.requireRunnable(lambdaConfig);
        String target = lambdaConfig.path(NAME).asText(null);
        if (target == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        ObjectNode event = TriggerEvents.envelope("1", triggerSource, poolId, userName, clientId);
        ObjectNode request = (ObjectNode) event.get("request");
        if (password != null) {
            request.put("password", password);
        }
        request.set("validationData", TriggerEvents.stringMap(validationData));
        if (clientMetadata != null) {
            request.set("clientMetadata", TriggerEvents.stringMap(clientMetadata));
        }
        ((ObjectNode) event.get("response")).putNull("userAttributes").putNull("finalUserStatus").putNull("messageAction")
                .putNull("desiredDeliveryMediums").putNull("forceAliasCreation").putNull("enableSMSMFA");
        return triggers.invoke(poolId, NAME, target, event).map(answer -> Optional.of(migratedOf(answer)));
    }

    static Migrated migratedOf(JsonNode answer) {
        JsonNode response = answer.path("response");
        if (!response.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        JsonNode attributes = response.path("userAttributes");
        if (!attributes.isObject() || attributes.isEmpty()) {
            throw LambdaTriggers.invalidResponse();
        }
        Map<String, String> userAttributes = new LinkedHashMap<>();
        attributes.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw LambdaTriggers.invalidResponse();
            }
            userAttributes.put(entry.getKey(), entry.getValue().asText());
        });
        String status = TriggerAnswers.string(response, "finalUserStatus");
        if (status != null && !status.equals("CONFIRMED") && !status.equals("RESET_REQUIRED")) {
            throw LambdaTriggers.invalidResponse();
        }
        String action = TriggerAnswers.string(response, "messageAction");
        if (action != null && !action.equals("SUPPRESS")) {
            throw LambdaTriggers.invalidResponse();
        }
        List<String> mediums = new ArrayList<>();
        JsonNode desired = response.path("desiredDeliveryMediums");
        if (!desired.isMissingNode() && !desired.isNull()) {
            if (!desired.isArray()) {
                throw LambdaTriggers.invalidResponse();
            }
            desired.forEach(medium -> {
                if (!medium.isTextual() || !List.of("SMS", "EMAIL").contains(medium.asText())) {
                    throw LambdaTriggers.invalidResponse();
                }
                mediums.add(medium.asText());
            });
        }
        boolean enableSmsMfa = TriggerAnswers.flag(response, "enableSMSMFA");
        if (enableSmsMfa && userAttributes.get("phone_number") == null) {
            // SMS MFA needs a phone number to send codes to: the migrated user could never sign in
            throw new CognitoException(LambdaTriggers.invalidResponse().type(),
                    "UserMigration asked to enable SMS MFA for a user without a phone_number.");
        }
        return new Migrated(userAttributes, status == null ? "CONFIRMED" : status, "SUPPRESS".equals(action), mediums,
                TriggerAnswers.flag(response, "forceAliasCreation"), enableSmsMfa);
    }
}
