package dev.cognate.identitypool.login;

import dev.cognate.identitypool.config.LoginProvidersConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenID Connect providers of {@code OpenIdConnectProviderARNs}, as IAM names them:
 * {@code arn:aws:iam::<account>:oidc-provider/<host/path>}. The {@code Logins} key is {@code <host/path>}, the issuer
 * ({@code iss}) {@code <scheme>://<host/path>} (scheme {@code cognate.login-providers.oidc-scheme}, https), and the
 * audiences are IAM's {@code ClientIDList}, which lives in IAM, not in the pool: here
 * {@code cognate.login-providers.oidc-client-ids}.
 */
@Startup // a malformed client-id entry stops the start, it is not found at the first login
@ApplicationScoped
public class OidcProviders {

    private static final Pattern ARN = Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:oidc-provider/(.+)");

    private final String scheme;
    private final Map<String, List<String>> clientIds;

    public OidcProviders(LoginProvidersConfig config) {
        this.scheme = config.oidcScheme();
        this.clientIds = clientIds(config.oidcClientIds().orElse(List.of()));
    }

    /** The {@code Logins} key of the ARN, or empty when it is no OIDC provider ARN. */
    public static Optional<String> providerNameOf(String arn) {
        Matcher matcher = ARN.matcher(arn);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public String issuerOf(String providerName) {
        return scheme + "://" + providerName;
    }

    /** IAM's ClientIDList of the provider; empty when none is configured (then no token is accepted). */
    public Collection<String> clientIdsOf(String providerName) {
        return clientIds.getOrDefault(providerName, List.of());
    }

    private static Map<String, List<String>> clientIds(List<String> entries) {
        Map<String, List<String>> byProvider = new HashMap<>();
        for (String entry : entries) {
            int separator = entry.lastIndexOf('=');
            if (separator <= 0 || separator == entry.length() - 1) {
                // refused, not ignored: a typo here would silently lock every user of the provider out
                throw new IllegalArgumentException("cognate.login-providers.oidc-client-ids: '" + entry
                        + "' is not <issuer host/path>=<client id>");
            }
            byProvider.computeIfAbsent(entry.substring(0, separator).trim(), name -> new ArrayList<>())
                    .add(entry.substring(separator + 1).trim());
        }
        return byProvider;
    }
}
