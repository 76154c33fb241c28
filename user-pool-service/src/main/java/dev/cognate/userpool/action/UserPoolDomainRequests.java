package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.UserPoolDomain;

import java.util.List;
import java.util.regex.Pattern;

/** Constraints and wire shapes of the domain actions, as in the API reference and Cognito's answers. */
final class UserPoolDomainRequests {

    /** A prefix domain: one DNS label in lower case. */
    static final Pattern PREFIX_DOMAIN = Pattern.compile("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$");
    /** A custom domain: a fully qualified host name of such labels. */
    static final Pattern CUSTOM_DOMAIN = Pattern.compile("^(?:[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$");
    static final List<String> RESERVED_WORDS = List.of("aws", "amazon", "cognito");
    static final int MAX_DOMAIN_LENGTH = 253;

    /** {@code CustomDomainConfigType}. */
    record CustomDomainConfig(String certificateArn) {
    }

    /** {@code DomainDescriptionType}; all members null for a domain no pool owns, which Cognito answers as {@code {}}. */
    record DomainDescription(String userPoolId, @JsonProperty("AWSAccountId") String awsAccountId, String domain, String s3Bucket,
                             String cloudFrontDistribution, String version, String status, CustomDomainConfig customDomainConfig,
                             Integer managedLoginVersion) {

        static final DomainDescription NONE = new DomainDescription(null, null, null, null, null, null, null, null, null);

        static DomainDescription of(UserPoolDomain domain, String accountId, String cloudFrontHost) {
            return new DomainDescription(domain.userPoolId(), accountId, domain.domain(), null, cloudFrontHost, domain.version(), "ACTIVE",
                    domain.certificateArn() == null ? null : new CustomDomainConfig(domain.certificateArn()), domain.managedLoginVersion());
        }
    }

    /** The answer of CreateUserPoolDomain and UpdateUserPoolDomain: the host a custom domain must point to. */
    record Response(String cloudFrontDomain, Integer managedLoginVersion) {

        static Response of(UserPoolDomain domain, String cloudFrontHost) {
            return new Response(domain.custom() ? cloudFrontHost : null, domain.managedLoginVersion());
        }
    }

    private UserPoolDomainRequests() {
    }

    /** The pool and domain a request names (Create, Update, Delete). */
    static Validation target(String userPoolId, String domain) {
        return UserPoolRequests.userPoolId(domain(Validation.of(), domain), userPoolId);
    }

    static Validation domain(Validation validation, String domain) {
        return validation.required("domain", domain).length("domain", domain, 1, MAX_DOMAIN_LENGTH);
    }

    static Validation customDomainConfig(Validation validation, CustomDomainConfig config) {
        if (config == null) {
            return validation;
        }
        return validation.required("customDomainConfig.certificateArn", config.certificateArn())
                .length("customDomainConfig.certificateArn", config.certificateArn(), 20, 2048)
                .pattern("customDomainConfig.certificateArn", config.certificateArn(), GroupRequests.ARN);
    }

    static Validation managedLoginVersion(Validation validation, Integer version) {
        return validation.range("managedLoginVersion", version, 1, 2);
    }

    /** The name rules Cognito applies when a domain is created, with its messages. */
    static void checkNewDomain(String domain, CustomDomainConfig config) {
        if (UserPoolDomain.isCustom(domain)) {
            if (!CUSTOM_DOMAIN.matcher(domain).matches()) {
                throw CognitoException.invalidParameter("The custom domain name " + domain + " is not a valid fully qualified domain name.");
            }
            if (config == null) {
                throw CognitoException.invalidParameter("A custom domain requires CustomDomainConfig with the ARN of its certificate.");
            }
            return;
        }
        if (!PREFIX_DOMAIN.matcher(domain).matches()) {
            throw CognitoException.invalidParameter("The domain name contains an invalid character. Domain names can only contain lower-case"
                    + " letters, numbers, and hyphens. Please enter a different name that follows this format: " + PREFIX_DOMAIN.pattern());
        }
        RESERVED_WORDS.stream().filter(domain::contains).findFirst().ifPresent(word -> {
            throw CognitoException.invalidParameter("Domain cannot contain reserved word: " + word);
        });
        if (config != null) {
            throw CognitoException.invalidParameter("CustomDomainConfig can only be set for a custom domain.");
        }
    }
}
