package dev.cognate.userpool.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code LambdaConfigType}: every trigger is an ARN (its shape only: Cognate calls no AWS) or, Cognate's
 * extension (DESIGN.md §2, §5), an {@code https://} URL, or {@code http://} for an allow-listed host; 20–2048
 * characters either way, as the reference's ARN limits. {@code KMSKeyID} is an ARN.
 */
public final class LambdaConfigRules {

    /** {@code ArnType} of the API reference. */
    public static final Pattern ARN = Pattern.compile(
            "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?");

    static final List<String> TRIGGERS = List.of("PreSignUp", "CustomMessage", "PostConfirmation", "PreAuthentication",
            "PostAuthentication", "DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse",
            "PreTokenGeneration", "UserMigration");
    static final List<String> PRE_TOKEN_GENERATION_VERSIONS = List.of("V1_0", "V2_0", "V3_0");
    static final List<String> V1_ONLY = List.of("V1_0");
    /** The {@code LambdaConfig} members Cognate runs; every other member is refused ({@link #refuseTriggersNotRun}). */
    static final Set<String> RUN = Set.of("PreSignUp", "PreAuthentication", "UserMigration", "CustomMessage", "PostConfirmation",
            "PostAuthentication", "PreTokenGeneration", "PreTokenGenerationConfig", "CustomEmailSender", "CustomSMSSender", "KMSKeyID",
            "DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse", "InboundFederation");

    /** Every {@code LambdaConfig} member that names a trigger, in the API reference's order. */
    private static final List<String> RUN_ORDER = List.of("PreSignUp", "CustomMessage", "PostConfirmation", "PreAuthentication",
            "PostAuthentication", "DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse", "PreTokenGeneration",
            "UserMigration", "CustomSMSSender", "CustomEmailSender", "InboundFederation");
    static final List<String> CUSTOM_SENDERS = List.of("CustomEmailSender", "CustomSMSSender");

    private final Set<String> allowedHttpHosts;
    private final boolean customSenderKeyConfigured;

    public LambdaConfigRules(List<String> allowedHttpHosts) {
        this(allowedHttpHosts, false);
    }

    /**
     * @param customSenderKeyConfigured whether {@code cognate.triggers.custom-sender.public-key} is set: without it
     *                                  the custom sender triggers are refused ({@link #requireCustomSenderKey})
     */
    public LambdaConfigRules(List<String> allowedHttpHosts, boolean customSenderKeyConfigured) {
        this.allowedHttpHosts = allowedHttpHosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.customSenderKeyConfigured = customSenderKeyConfigured;
    }

    /**
     * Cognate encrypts a custom sender's codes to the operator's public key in place of {@code KMSKeyID} (which it
     * keeps and passes on, but cannot use): without that key a custom sender could neither be invoked nor be skipped
     * without losing the pool's messages, so the pool is refused. Checked after {@link #crossMember}, which requires
     * {@code KMSKeyID} first, as Cognito does.
     */
    void requireCustomSenderKey(ObjectNode config) {
        if (customSenderKeyConfigured) {
            return;
        }
        CUSTOM_SENDERS.stream().filter(config::has).findFirst().ifPresent(trigger -> {
            throw CognitoException.invalidParameter("Cognate cannot run LambdaConfig." + trigger + ": the operator has not"
                    + " configured the key it encrypts codes to (cognate.triggers.custom-sender.public-key).");
        });
    }

    /** The checked {@code LambdaConfig}; shape violations are added to {@code validation}. */
    ObjectNode lambdaConfig(WireObject config, Validation validation) {
        for (String trigger : TRIGGERS) {
            target(validation, config.path(trigger), config.string(trigger));
        }
        String kmsKey = config.string("KMSKeyID");
        validation.length(config.path("KMSKeyID"), kmsKey, 20, 2048).pattern(config.path("KMSKeyID"), kmsKey, ARN);
        versioned(config.object("PreTokenGenerationConfig"), PRE_TOKEN_GENERATION_VERSIONS, validation);
        versioned(config.object("CustomSMSSender"), V1_ONLY, validation);
        versioned(config.object("CustomEmailSender"), V1_ONLY, validation);
        versioned(config.object("InboundFederation"), V1_ONLY, validation);
        return config.copy();
    }

    /**
     * Rules between members, checked once every member has its shape. As Cognito, the legacy
     * {@code PreTokenGeneration} and {@code PreTokenGenerationConfig} describe one function: either fills the
     * other, and two different functions are refused. The custom sender triggers encrypt codes with
     * {@code KMSKeyID}, so they need it.
     */
    static void crossMember(ObjectNode config, String tier) {
        String legacy = config.path("PreTokenGeneration").asText(null);
        ObjectNode versioned = config.get("PreTokenGenerationConfig") instanceof ObjectNode node ? node : null;
        if (versioned != null) {
            String arn = versioned.path("LambdaArn").asText();
            if (legacy != null && !legacy.equals(arn)) {
                throw CognitoException.invalidParameter(
                        "PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function when both are set.");
            }
            config.put("PreTokenGeneration", arn);
            if ("LITE".equals(tier) && !"V1_0".equals(versioned.path("LambdaVersion").asText())) {
                throw new CognitoException("FeatureUnavailableInTierException",
                        "Pre token generation trigger version " + versioned.path("LambdaVersion").asText()
                                + " is not available in the LITE tier. Set UserPoolTier to ESSENTIALS or PLUS.");
            }
        } else if (legacy != null) {
            config.putObject("PreTokenGenerationConfig").put("LambdaVersion", "V1_0").put("LambdaArn", legacy);
        }
        if ((config.has("CustomSMSSender") || config.has("CustomEmailSender")) && !config.has("KMSKeyID")) {
            throw CognitoException.invalidParameter("KMSKeyID is required when CustomSMSSender or CustomEmailSender is set.");
        }
        refuseTriggersNotRun(config);
    }

    /**
     * Fail closed: a trigger Cognate does not run yet is refused here, at CreateUserPool, UpdateUserPool and
     * CognateAdmin.ImportUserPool, instead of being stored and silently skipped (a PreAuthentication veto or a
     * UserMigration that never runs would change who can sign in). Checked after the shape rules, so a malformed
     * member still gets its own error first.
     */
    static void refuseTriggersNotRun(ObjectNode config) {
        firstTriggerNotRun(config).ifPresent(member -> {
            throw CognitoException.invalidParameter(
                    "Cognate does not run LambdaConfig." + member + " yet; remove it (Cognate runs " + triggersRun() + ").");
        });
    }

    /** The triggers Cognate runs, in the API reference's order, as the refusal names them ("PreSignUp, ... and X"). */
    public static String triggersRun() {
        List<String> run = RUN_ORDER.stream().filter(RUN::contains).toList();
        return run.size() == 1 ? run.get(0)
                : String.join(", ", run.subList(0, run.size() - 1)) + " and " + run.get(run.size() - 1);
    }

    /**
     * The first member of a stored {@code LambdaConfig} that Cognate does not run, if any. Pools written before these
     * were refused may still hold one: the trigger paths fail closed on it ({@code trigger/LambdaTriggers#requireRunnable}).
     * PreTokenGeneration runs in every version (V1_0, V2_0, V3_0).
     */
    public static Optional<String> firstTriggerNotRun(ObjectNode config) {
        for (var names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!RUN.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private void versioned(WireObject trigger, List<String> versions, Validation validation) {
        if (trigger == null) {
            return;
        }
        String version = trigger.string("LambdaVersion");
        validation.required(trigger.path("LambdaVersion"), version)
                .oneOf(trigger.path("LambdaVersion"), version, versions);
        String arn = trigger.string("LambdaArn");
        validation.required(trigger.path("LambdaArn"), arn);
        target(validation, trigger.path("LambdaArn"), arn);
    }

    /** One trigger target: an ARN, an https URL, or an http URL to an allow-listed host. */
    void target(Validation validation, String path, String value) {
        if (value == null) {
            return;
        }
        validation.length(path, value, 20, 2048);
        if (!ARN.matcher(value).matches() && !isAllowedUrl(value)) {
            validation.check(false, "Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must satisfy"
                    + " regular expression pattern: " + ARN.pattern() + ", or be an https URL (http only for the hosts in"
                    + " cognate.triggers.allowed-http-hosts)");
        }
    }

    boolean isAllowedUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return false;
        }
        return scheme.equals("https") || (scheme.equals("http") && allowedHttpHosts.contains(host));
    }
}
