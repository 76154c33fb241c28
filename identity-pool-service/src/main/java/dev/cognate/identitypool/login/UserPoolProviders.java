package dev.cognate.identitypool.login;

import dev.cognate.identitypool.config.CognateConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which issuer a user-pool provider name stands for. Cognito names a user pool provider
 * {@code cognito-idp.<region>.amazonaws.com/<poolId>}, which is its issuer without the scheme; Cognate's user pools
 * issue with {@code <public-base-url>/<poolId>}. Both names map to Cognate's issuer, so identity pools migrated from
 * AWS keep their {@code Logins} keys. Only Cognate's own issuer base is ever contacted: a provider name cannot make
 * this service fetch keys from anywhere else.
 */
@ApplicationScoped
public class UserPoolProviders {

    private static final Pattern AWS_NAME = Pattern.compile("cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com/([\\w-]+_[0-9a-zA-Z]+)");

    private final String issuerBase;
    private final String issuerBaseWithoutScheme;

    public UserPoolProviders(CognateConfig config) {
        String base = config.logins().userPoolIssuerBaseUrl();
        this.issuerBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        int scheme = issuerBase.indexOf("://");
        this.issuerBaseWithoutScheme = scheme < 0 ? issuerBase : issuerBase.substring(scheme + 3);
    }

    /** The issuer ({@code iss}) the ID tokens of this provider must carry, or empty when it is no Cognate user pool. */
    public Optional<String> issuerOf(String providerName) {
        Matcher aws = AWS_NAME.matcher(providerName);
        if (aws.matches()) {
            return Optional.of(issuerBase + "/" + aws.group(1));
        }
        String prefix = issuerBaseWithoutScheme + "/";
        if (providerName.startsWith(prefix) && providerName.substring(prefix.length()).matches("[\\w-]+_[0-9a-zA-Z]+")) {
            return Optional.of(issuerBase + "/" + providerName.substring(prefix.length()));
        }
        return Optional.empty();
    }
}
