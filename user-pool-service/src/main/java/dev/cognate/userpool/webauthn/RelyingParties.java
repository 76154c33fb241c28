package dev.cognate.userpool.webauthn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.SignInPolicy;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserPoolDomain;
import dev.cognate.userpool.oidc.HostedLoginUrls;
import dev.cognate.userpool.repository.UserPoolDomainRepository;
import dev.cognate.userpool.repository.UserPoolMfaRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A pool's passkey settings, read once per operation: whether passkeys are on ({@code WEB_AUTHN} in
 * {@code Policies.SignInPolicy.AllowedFirstAuthFactors}; else {@code WebAuthnNotEnabledException}) and its
 * {@link RelyingParty}: the RP ID is {@code WebAuthnConfiguration.RelyingPartyId} (SetUserPoolMfaConfig), else the host of
 * the pool's domain — its custom domain when it has one, as Cognito requires, else its prefix domain as Cognate serves it
 * ({@code cognate.hosted-ui.prefix-domain-template}); neither → {@code WebAuthnConfigurationMissingException}.
 */
@ApplicationScoped
public class RelyingParties {

    public static final String WEB_AUTHN = "WEB_AUTHN";

    private final Pool db;
    private final UserPoolMfaRepository mfaConfigs;
    private final UserPoolDomainRepository domains;
    private final HostedLoginUrls hostedLogin;

    public RelyingParties(Pool db, UserPoolMfaRepository mfaConfigs, UserPoolDomainRepository domains, HostedLoginUrls hostedLogin) {
        this.db = db;
        this.mfaConfigs = mfaConfigs;
        this.domains = domains;
        this.hostedLogin = hostedLogin;
    }

    /** Whether the pool offers passkeys as a first factor. */
    public static boolean enabled(UserPool pool) {
        return SignInPolicy.of(pool.settings()).allows(WEB_AUTHN);
    }

    /** Fails with {@code WebAuthnNotEnabledException} unless the pool offers passkeys. */
    public static void requireEnabled(UserPool pool) {
        if (!enabled(pool)) {
            throw new CognitoException("WebAuthnNotEnabledException",
                    "Passkeys are not enabled for this user pool: add WEB_AUTHN to its SignInPolicy AllowedFirstAuthFactors.");
        }
    }

    /** The pool's relying party, or {@code WebAuthnConfigurationMissingException} when it has neither an RP ID nor a domain. */
    public Uni<RelyingParty> of(UserPool pool) {
        return mfaConfigs.find(db, pool.id()).chain(config -> domains.ofPool(db, pool.id()).map(poolDomains -> {
            JsonNode webAuthn = config.map(found -> found.path("WebAuthnConfiguration")).orElse(null);
            String configured = webAuthn == null ? "" : webAuthn.path("RelyingPartyId").asText("");
            String userVerification = webAuthn == null ? "preferred" : webAuthn.path("UserVerification").asText("preferred");
            Set<String> hostedOrigins = new LinkedHashSet<>();
            poolDomains.forEach(domain -> hostedOrigins.add(origin(hostedLogin.hostedLoginBase(domain))));
            String id = configured.isEmpty() ? defaultId(poolDomains) : configured.toLowerCase(Locale.ROOT);
            if (id == null) {
                throw new CognitoException("WebAuthnConfigurationMissingException",
                        "The user pool has no WebAuthn relying party ID and no domain: set WebAuthnConfiguration.RelyingPartyId"
                                + " (SetUserPoolMfaConfig) or add a domain.");
            }
            return new RelyingParty(id, userVerification, Set.copyOf(hostedOrigins));
        }));
    }

    /** The custom domain if the pool has one, else its prefix domain's host; null without a domain. */
    private String defaultId(List<UserPoolDomain> poolDomains) {
        return poolDomains.stream().filter(UserPoolDomain::custom).findFirst()
                .or(() -> poolDomains.stream().findFirst())
                .map(domain -> URI.create(hostedLogin.hostedLoginBase(domain)).getHost().toLowerCase(Locale.ROOT))
                .orElse(null);
    }

    private static String origin(String base) {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
