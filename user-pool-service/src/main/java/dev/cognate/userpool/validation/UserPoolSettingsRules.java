package dev.cognate.userpool.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inner members of a user pool's configuration, as the CreateUserPool / UpdateUserPool reference and its
 * shape types specify them. Two passes, in AWS's order: {@link #member} checks each member's shape (JSON types →
 * {@code SerializationException}; lengths, ranges, patterns, enums, required members → collected into one
 * {@code InvalidParameterException}) and fills in the sub-members Cognito defaults; {@link #crossMember} then
 * applies the rules between members, each refused with its own message. Members a shape does not have are dropped.
 * Schema, UsernameAttributes and AliasAttributes are not handled here.
 */
public final class UserPoolSettingsRules {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final Pattern SMS_MESSAGE = Pattern.compile(".*\\{####\\}.*");
    static final Pattern EMAIL_MESSAGE = Pattern.compile(
            "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*");
    static final Pattern EMAIL_MESSAGE_BY_LINK = Pattern.compile(
            "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{##[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*##\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*");
    static final Pattern EMAIL_SUBJECT = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+");
    static final Pattern EMAIL_ADDRESS = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+@[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final Pattern CONFIGURATION_SET = Pattern.compile("^[a-zA-Z0-9_-]+$");
    static final Pattern SNS_REGION = Pattern.compile("[a-z]+-[a-z]+-\\d{1}");

    static final List<String> FIRST_AUTH_FACTORS = List.of("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN");
    static final List<String> DEFAULT_EMAIL_OPTIONS = List.of("CONFIRM_WITH_LINK", "CONFIRM_WITH_CODE");
    static final List<String> RECOVERY_MECHANISMS = List.of("verified_email", "verified_phone_number", "admin_only");
    static final List<String> EMAIL_SENDING_ACCOUNTS = List.of("COGNITO_DEFAULT", "DEVELOPER");
    static final List<String> VERIFIED_ATTRIBUTES = List.of("phone_number", "email");
    static final List<String> ADVANCED_SECURITY_MODES = List.of("OFF", "AUDIT", "ENFORCED");
    static final List<String> CUSTOM_AUTH_MODES = List.of("AUDIT", "ENFORCED");

    /** Cognito's password policy for a pool created without one (also the defaults of its members but the booleans). */
    static final int DEFAULT_MINIMUM_LENGTH = 8;
    static final int DEFAULT_TEMPORARY_PASSWORD_DAYS = 7;

    private final LambdaConfigRules lambdaConfig;

    public UserPoolSettingsRules(LambdaConfigRules lambdaConfig) {
        this.lambdaConfig = lambdaConfig;
    }

    /** The checked value of one configuration member given in a request (its JSON type already checked). */
    public JsonNode member(String name, JsonNode value, Validation validation) {
        String path = WireObject.lowerCamel(name);
        return switch (name) {
            case "Policies" -> policies(WireObject.of(name, value), validation);
            case "LambdaConfig" -> lambdaConfig.lambdaConfig(WireObject.of(name, value), validation);
            case "VerificationMessageTemplate" -> verificationMessageTemplate(WireObject.of(name, value), validation);
            case "AdminCreateUserConfig" -> adminCreateUserConfig(WireObject.of(name, value), validation);
            case "AccountRecoverySetting" -> accountRecoverySetting(WireObject.of(name, value), validation);
            case "DeviceConfiguration" -> deviceConfiguration(WireObject.of(name, value));
            case "EmailConfiguration" -> emailConfiguration(WireObject.of(name, value), validation);
            case "SmsConfiguration" -> smsConfiguration(WireObject.of(name, value), validation);
            case "UserAttributeUpdateSettings" -> userAttributeUpdateSettings(WireObject.of(name, value), validation);
            case "UserPoolAddOns" -> userPoolAddOns(WireObject.of(name, value), validation);
            case "UsernameConfiguration" -> usernameConfiguration(WireObject.of(name, value), validation);
            case "SmsVerificationMessage", "SmsAuthenticationMessage" -> {
                smsMessage(validation, path, value.asText());
                yield value;
            }
            case "EmailVerificationMessage" -> {
                validation.length(path, value.asText(), 6, 20000).pattern(path, value.asText(), EMAIL_MESSAGE);
                yield value;
            }
            case "EmailVerificationSubject" -> {
                emailSubject(validation, path, value.asText());
                yield value;
            }
            default -> value;
        };
    }

    /**
     * The rules between members, on settings whose members all have their shape.
     *
     * @param request          the CreateUserPool / UpdateUserPool request, to tell given members from defaults
     * @param otherMfaFactorOn whether the pool already has TOTP or email MFA on (SetUserPoolMfaConfig), which lets
     *                         MFA be ON or OPTIONAL without SMS
     */
    public void crossMember(ObjectNode settings, JsonNode request, boolean otherMfaFactorOn) {
        String tier = settings.path("UserPoolTier").asText("ESSENTIALS");
        temporaryPasswordValidity(settings, request);
        passwordPolicyTier(settings.path("Policies"), tier);
        if (settings.get("LambdaConfig") instanceof ObjectNode lambda) {
            LambdaConfigRules.crossMember(lambda, tier);
            lambdaConfig.requireCustomSenderKey(lambda);
        }
        String mfa = settings.path("MfaConfiguration").asText("OFF");
        if (!mfa.equals("OFF") && !settings.has("SmsConfiguration") && !otherMfaFactorOn) {
            throw CognitoException.invalidParameter(
                    "SMS configuration and Auto verification for phone_number are required when MFA is required/optional");
        }
        Set<String> autoVerified = new HashSet<>();
        settings.path("AutoVerifiedAttributes").forEach(attribute -> autoVerified.add(attribute.asText()));
        for (JsonNode attribute : settings.path("UserAttributeUpdateSettings").path("AttributesRequireVerificationBeforeUpdate")) {
            if (!autoVerified.contains(attribute.asText())) {
                throw CognitoException.invalidParameter(
                        "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes");
            }
        }
        recoveryMechanisms(settings.path("AccountRecoverySetting").path("RecoveryMechanisms"));
        emailSendingAccount(settings.path("EmailConfiguration"));
        inviteMessages(settings.path("AdminCreateUserConfig").path("InviteMessageTemplate"));
        JsonNode addOns = settings.path("UserPoolAddOns");
        boolean threatProtection = !addOns.path("AdvancedSecurityMode").asText("OFF").equals("OFF")
                || addOns.has("AdvancedSecurityAdditionalFlows");
        if (threatProtection && !tier.equals("PLUS")) {
            throw new CognitoException("FeatureUnavailableInTierException",
                    "Threat protection (UserPoolAddOns) is available only in the PLUS tier. Set UserPoolTier to PLUS.");
        }
    }

    private static ObjectNode policies(WireObject policies, Validation validation) {
        WireObject password = policies.object("PasswordPolicy");
        if (password == null) {
            policies.put("PasswordPolicy", defaultPasswordPolicy());
        } else {
            Long minimumLength = password.integer("MinimumLength");
            validation.range(password.path("MinimumLength"), minimumLength, 6, 99);
            if (minimumLength == null) {
                password.put("MinimumLength", JSON.numberNode(DEFAULT_MINIMUM_LENGTH));
            }
            for (String requirement : List.of("RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols")) {
                if (password.bool(requirement) == null) {
                    password.put(requirement, JSON.booleanNode(false));
                }
            }
            validation.range(password.path("PasswordHistorySize"), password.integer("PasswordHistorySize"), 0, 24)
                    .range(password.path("TemporaryPasswordValidityDays"), password.integer("TemporaryPasswordValidityDays"), 0, 365);
        }
        WireObject signIn = policies.object("SignInPolicy");
        if (signIn == null) {
            policies.put("SignInPolicy", defaultSignInPolicy());
        } else {
            List<String> factors = signIn.strings("AllowedFirstAuthFactors");
            if (factors == null) {
                signIn.put("AllowedFirstAuthFactors", JSON.arrayNode().add("PASSWORD"));
            } else {
                String path = signIn.path("AllowedFirstAuthFactors");
                validation.size(path, factors, 1, 4);
                factors.forEach(factor -> validation.oneOf(path + ".member", factor, FIRST_AUTH_FACTORS));
                validation.check(factors.isEmpty() || factors.contains("PASSWORD"), "Value '" + factors + "' at '" + path
                        + "' failed to satisfy constraint: Member must contain PASSWORD");
            }
        }
        return policies.copy();
    }

    public static ObjectNode defaultPolicies() {
        ObjectNode policies = JSON.objectNode();
        policies.set("PasswordPolicy", defaultPasswordPolicy());
        policies.set("SignInPolicy", defaultSignInPolicy());
        return policies;
    }

    private static ObjectNode defaultPasswordPolicy() {
        return JSON.objectNode()
                .put("MinimumLength", DEFAULT_MINIMUM_LENGTH)
                .put("RequireUppercase", true)
                .put("RequireLowercase", true)
                .put("RequireNumbers", true)
                .put("RequireSymbols", true)
                .put("TemporaryPasswordValidityDays", DEFAULT_TEMPORARY_PASSWORD_DAYS);
    }

    private static ObjectNode defaultSignInPolicy() {
        ObjectNode signIn = JSON.objectNode();
        signIn.putArray("AllowedFirstAuthFactors").add("PASSWORD");
        return signIn;
    }

    /**
     * {@code UnusedAccountValidityDays} is the deprecated name of {@code TemporaryPasswordValidityDays}: Cognito
     * refuses both in one request (unless the old one is 0), takes the old one alone, and describes both with one value.
     * Cognate accepts both when they agree, so that a DescribeUserPool answer can be given back to CreateUserPool
     * (copying a pool, ImportUserPool) as it is.
     */
    private static void temporaryPasswordValidity(ObjectNode settings, JsonNode request) {
        JsonNode temporary = request.path("Policies").path("PasswordPolicy").get("TemporaryPasswordValidityDays");
        JsonNode unused = request.path("AdminCreateUserConfig").get("UnusedAccountValidityDays");
        boolean temporaryGiven = temporary != null && !temporary.isNull();
        boolean unusedGiven = unused != null && !unused.isNull() && unused.asLong() != 0;
        if (temporaryGiven && unusedGiven && temporary.asLong() != unused.asLong()) {
            throw CognitoException.invalidParameter("Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays");
        }
        int days = temporaryGiven ? temporary.asInt() : unusedGiven ? unused.asInt() : DEFAULT_TEMPORARY_PASSWORD_DAYS;
        if (settings.path("Policies").path("PasswordPolicy") instanceof ObjectNode password) {
            password.put("TemporaryPasswordValidityDays", days);
        }
        if (settings.get("AdminCreateUserConfig") instanceof ObjectNode adminCreateUser) {
            adminCreateUser.put("UnusedAccountValidityDays", days);
        }
    }

    private static void passwordPolicyTier(JsonNode policies, String tier) {
        if (!tier.equals("LITE")) {
            return;
        }
        if (policies.path("PasswordPolicy").path("PasswordHistorySize").asLong(0) > 0) {
            throw new CognitoException("FeatureUnavailableInTierException",
                    "Password history is not available in the LITE tier. Set UserPoolTier to ESSENTIALS or PLUS.");
        }
        for (JsonNode factor : policies.path("SignInPolicy").path("AllowedFirstAuthFactors")) {
            if (!factor.asText().equals("PASSWORD")) {
                throw new CognitoException("FeatureUnavailableInTierException",
                        "Sign-in with " + factor.asText() + " is not available in the LITE tier. Set UserPoolTier to ESSENTIALS or PLUS.");
            }
        }
    }

    private static ObjectNode verificationMessageTemplate(WireObject template, Validation validation) {
        smsMessage(validation, template.path("SmsMessage"), template.string("SmsMessage"));
        String emailMessage = template.string("EmailMessage");
        validation.length(template.path("EmailMessage"), emailMessage, 6, 20000)
                .pattern(template.path("EmailMessage"), emailMessage, EMAIL_MESSAGE);
        emailSubject(validation, template.path("EmailSubject"), template.string("EmailSubject"));
        String byLink = template.string("EmailMessageByLink");
        validation.length(template.path("EmailMessageByLink"), byLink, 6, 20000)
                .pattern(template.path("EmailMessageByLink"), byLink, EMAIL_MESSAGE_BY_LINK);
        emailSubject(validation, template.path("EmailSubjectByLink"), template.string("EmailSubjectByLink"));
        String option = template.string("DefaultEmailOption");
        validation.oneOf(template.path("DefaultEmailOption"), option, DEFAULT_EMAIL_OPTIONS);
        if (option == null) {
            template.put("DefaultEmailOption", JSON.textNode("CONFIRM_WITH_CODE"));
        }
        return template.copy();
    }

    private static ObjectNode adminCreateUserConfig(WireObject config, Validation validation) {
        if (config.bool("AllowAdminCreateUserOnly") == null) {
            config.put("AllowAdminCreateUserOnly", JSON.booleanNode(false));
        }
        validation.range(config.path("UnusedAccountValidityDays"), config.integer("UnusedAccountValidityDays"), 0, 365);
        WireObject invite = config.object("InviteMessageTemplate");
        if (invite != null) {
            smsMessage(validation, invite.path("SMSMessage"), invite.string("SMSMessage"));
            String emailMessage = invite.string("EmailMessage");
            validation.length(invite.path("EmailMessage"), emailMessage, 6, 20000)
                    .pattern(invite.path("EmailMessage"), emailMessage, EMAIL_MESSAGE);
            emailSubject(validation, invite.path("EmailSubject"), invite.string("EmailSubject"));
        }
        return config.copy();
    }

    /** An invitation carries the user name and the temporary password, so its messages need both placeholders. */
    private static void inviteMessages(JsonNode invite) {
        for (String message : List.of("SMSMessage", "EmailMessage")) {
            String text = invite.path(message).asText(null);
            if (text != null && !text.contains("{username}")) {
                throw CognitoException.invalidParameter("AdminCreateUserConfig.InviteMessageTemplate." + message
                        + " must contain the {username} and {####} placeholders.");
            }
        }
    }

    private static ObjectNode accountRecoverySetting(WireObject setting, Validation validation) {
        List<WireObject> mechanisms = setting.objects("RecoveryMechanisms");
        if (mechanisms != null) {
            for (WireObject mechanism : mechanisms) {
                Long priority = mechanism.integer("Priority");
                String name = mechanism.string("Name");
                validation.required(mechanism.path("Priority"), priority).range(mechanism.path("Priority"), priority, 1, 2)
                        .required(mechanism.path("Name"), name).oneOf(mechanism.path("Name"), name, RECOVERY_MECHANISMS);
            }
            validation.size(setting.path("RecoveryMechanisms"), mechanisms.stream().map(WireObject::copy).toList(), 1, 2);
        }
        return setting.copy();
    }

    private static void recoveryMechanisms(JsonNode mechanisms) {
        Set<Long> priorities = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (JsonNode mechanism : mechanisms) {
            if (!priorities.add(mechanism.path("Priority").asLong())) {
                throw CognitoException.invalidParameter("Each RecoveryMechanisms entry of AccountRecoverySetting must have a distinct Priority.");
            }
            if (!names.add(mechanism.path("Name").asText())) {
                throw CognitoException.invalidParameter("Each RecoveryMechanisms entry of AccountRecoverySetting must have a distinct Name.");
            }
        }
        if (names.contains("admin_only") && names.size() > 1) {
            throw CognitoException.invalidParameter("The admin_only recovery mechanism cannot be combined with another recovery mechanism.");
        }
    }

    private static ObjectNode deviceConfiguration(WireObject device) {
        device.bool("ChallengeRequiredOnNewDevice");
        device.bool("DeviceOnlyRememberedOnUserPrompt");
        return device.copy();
    }

    private static ObjectNode emailConfiguration(WireObject email, Validation validation) {
        String sourceArn = email.string("SourceArn");
        validation.length(email.path("SourceArn"), sourceArn, 20, 2048).pattern(email.path("SourceArn"), sourceArn, LambdaConfigRules.ARN);
        validation.pattern(email.path("ReplyToEmailAddress"), email.string("ReplyToEmailAddress"), EMAIL_ADDRESS);
        String account = email.string("EmailSendingAccount");
        validation.oneOf(email.path("EmailSendingAccount"), account, EMAIL_SENDING_ACCOUNTS);
        if (account == null) {
            email.put("EmailSendingAccount", JSON.textNode("COGNITO_DEFAULT"));
        }
        email.string("From");
        String configurationSet = email.string("ConfigurationSet");
        validation.length(email.path("ConfigurationSet"), configurationSet, 1, 64)
                .pattern(email.path("ConfigurationSet"), configurationSet, CONFIGURATION_SET);
        return email.copy();
    }

    private static void emailSendingAccount(JsonNode email) {
        if (email.isMissingNode()) {
            return;
        }
        boolean developer = email.path("EmailSendingAccount").asText().equals("DEVELOPER");
        if (developer && !email.has("SourceArn")) {
            throw CognitoException.invalidParameter("SourceArn is required in EmailConfiguration when EmailSendingAccount is DEVELOPER.");
        }
        if (!developer && email.has("From") && !email.has("SourceArn")) {
            throw CognitoException.invalidParameter("Cannot configure From email address for default email configuration");
        }
    }

    private static ObjectNode smsConfiguration(WireObject sms, Validation validation) {
        String callerArn = sms.string("SnsCallerArn");
        validation.required(sms.path("SnsCallerArn"), callerArn)
                .length(sms.path("SnsCallerArn"), callerArn, 20, 2048)
                .pattern(sms.path("SnsCallerArn"), callerArn, LambdaConfigRules.ARN);
        sms.string("ExternalId");
        String region = sms.string("SnsRegion");
        validation.length(sms.path("SnsRegion"), region, 5, 32).pattern(sms.path("SnsRegion"), region, SNS_REGION);
        return sms.copy();
    }

    private static ObjectNode userAttributeUpdateSettings(WireObject settings, Validation validation) {
        List<String> attributes = settings.strings("AttributesRequireVerificationBeforeUpdate");
        if (attributes != null) {
            String path = settings.path("AttributesRequireVerificationBeforeUpdate");
            attributes.forEach(attribute -> validation.oneOf(path + ".member", attribute, VERIFIED_ATTRIBUTES));
        }
        return settings.copy();
    }

    private static ObjectNode userPoolAddOns(WireObject addOns, Validation validation) {
        String mode = addOns.string("AdvancedSecurityMode");
        validation.required(addOns.path("AdvancedSecurityMode"), mode)
                .oneOf(addOns.path("AdvancedSecurityMode"), mode, ADVANCED_SECURITY_MODES);
        WireObject flows = addOns.object("AdvancedSecurityAdditionalFlows");
        if (flows != null) {
            validation.oneOf(flows.path("CustomAuthMode"), flows.string("CustomAuthMode"), CUSTOM_AUTH_MODES);
        }
        return addOns.copy();
    }

    private static ObjectNode usernameConfiguration(WireObject configuration, Validation validation) {
        validation.required(configuration.path("CaseSensitive"), configuration.bool("CaseSensitive"));
        return configuration.copy();
    }

    private static void smsMessage(Validation validation, String path, String message) {
        validation.length(path, message, 6, 140).pattern(path, message, SMS_MESSAGE);
    }

    private static void emailSubject(Validation validation, String path, String subject) {
        validation.length(path, subject, 1, 140).pattern(path, subject, EMAIL_SUBJECT);
    }
}
