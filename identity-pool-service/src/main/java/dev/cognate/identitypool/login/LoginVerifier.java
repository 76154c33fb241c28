package dev.cognate.identitypool.login;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.identitypool.domain.CognitoIdentityProvider;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.IdentityPoolConfiguration;
import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.SigningAlgorithm;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies the tokens of a {@code Logins} map as Cognito does, never trusting them. Each key must be a provider of the
 * pool, and its token verifies as that kind of provider's:
 * <ul>
 * <li>a user pool of {@code CognitoIdentityProviders}: an ID token of its issuer ({@link UserPoolProviders}), RS256,
 *     {@code aud} one of the provider's app clients, {@code token_use} {@code id}; with {@code ServerSideTokenCheck},
 *     then asked of user-pool-service ({@link ServerSideTokenCheck});</li>
 * <li>{@code accounts.google.com}, {@code appleid.apple.com} of {@code SupportedLoginProviders}: ID tokens (RS256) of
 *     Google's or Apple's JWKS, {@code aud} the id the map names;</li>
 * <li>{@code graph.facebook.com}, {@code www.amazon.com}: access tokens, asked of the provider's API
 *     ({@link FacebookLogins}, {@link AmazonLogins});</li>
 * <li>the {@code host/path} of an {@code OpenIdConnectProviderARNs} entry: an ID token of that issuer, keys from its
 *     discovery document ({@link IssuerKeys}), {@code aud} one of IAM's client ids ({@link OidcProviders});</li>
 * <li>a {@code SamlProviderARNs} entry (the ARN itself): a base64 SAML Response signed by the provider's IdP
 *     ({@link SamlLogins}); verifying it for credentials or a token spends its assertion ({@link #verifyToVend}).</li>
 * </ul>
 * Any failure refuses the whole request ({@code NotAuthorizedException}, or {@code ExternalServiceException} when a
 * provider does not answer).
 */
@ApplicationScoped
public class LoginVerifier {

    static final String GOOGLE = "accounts.google.com";
    static final String APPLE = "appleid.apple.com";
    private static final Set<String> GOOGLE_ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");
    private static final Set<String> APPLE_ISSUERS = Set.of("https://appleid.apple.com");

    /** User pools, Google and Apple sign with RS256 only. */
    private static final JwtVerifier RS256_ID_TOKENS = JwtVerifier.allowing(SigningAlgorithm.RS256);
    /** An OIDC provider may sign with any asymmetric algorithm of OpenID Connect Discovery's list; never HS* or none. */
    private static final JwtVerifier OIDC_ID_TOKENS = JwtVerifier.allowing(SigningAlgorithm.RS256,
            Arrays.stream(SigningAlgorithm.values()).filter(alg -> alg != SigningAlgorithm.RS256).toArray(SigningAlgorithm[]::new));

    private final UserPoolProviders userPools;
    private final IssuerKeys issuerKeys;
    private final PublicProviderKeys publicKeys;
    private final OidcProviders oidc;
    private final IdTokenLogins idTokens;
    private final FacebookLogins facebook;
    private final AmazonLogins amazon;
    private final ServerSideTokenCheck serverSideCheck;
    private final SamlLogins saml;

    public LoginVerifier(UserPoolProviders userPools, IssuerKeys issuerKeys, PublicProviderKeys publicKeys, OidcProviders oidc,
                         IdTokenLogins idTokens, FacebookLogins facebook, AmazonLogins amazon, ServerSideTokenCheck serverSideCheck,
                         SamlLogins saml) {
        this.userPools = userPools;
        this.issuerKeys = issuerKeys;
        this.publicKeys = publicKeys;
        this.oidc = oidc;
        this.idTokens = idTokens;
        this.facebook = facebook;
        this.amazon = amazon;
        this.serverSideCheck = serverSideCheck;
        this.saml = saml;
    }

    /**
     * The verified logins, in provider-name order; fails with {@code NotAuthorizedException} if any is not valid. For
     * actions that only identify the caller (GetId, UnlinkIdentity): SAML assertions are not spent.
     */
    public Uni<List<VerifiedLogin>> verify(IdentityPool pool, Map<String, String> logins) {
        return verify(pool, logins, SamlLogins.Use.IDENTIFY);
    }

    /**
     * As {@link #verify}, for actions that vend credentials or an identity token (GetCredentialsForIdentity,
     * GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity): each SAML assertion among the logins buys that once.
     */
    public Uni<List<VerifiedLogin>> verifyToVend(IdentityPool pool, Map<String, String> logins) {
        return verify(pool, logins, SamlLogins.Use.SPEND);
    }

    private Uni<List<VerifiedLogin>> verify(IdentityPool pool, Map<String, String> logins, SamlLogins.Use use) {
        List<Uni<VerifiedLogin>> checks = new ArrayList<>();
        new TreeMap<>(logins).forEach((providerName, token) -> checks.add(verifyOne(pool.configuration(), providerName, token, use)));
        if (checks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(checks).andFailFast();
    }

    private Uni<VerifiedLogin> verifyOne(IdentityPoolConfiguration pool, String providerName, String token, SamlLogins.Use use) {
        List<CognitoIdentityProvider> userPoolProviders = pool.cognitoIdentityProviders().stream()
                .filter(provider -> provider.providerName().equals(providerName)).toList();
        if (!userPoolProviders.isEmpty()) {
            return userPoolLogin(userPoolProviders, providerName, token);
        }
        String appId = pool.supportedLoginProviders().get(providerName);
        if (appId != null) {
            // one id: the API's pattern for the map's values ([\w.;_/-]+) has no list separator; Cognito's advice for
            // several Google clients is an OpenID Connect provider, whose client ids are a list
            return publicProviderLogin(providerName, token, List.of(appId));
        }
        if (pool.openIdConnectProviderARNs().stream().anyMatch(arn -> OidcProviders.providerNameOf(arn).filter(providerName::equals).isPresent())) {
            return idTokens.verify(providerName, token, new IdTokenLogins.Rules(OIDC_ID_TOKENS, Set.of(oidc.issuerOf(providerName)),
                    issuerKeys.of(oidc.issuerOf(providerName)), oidc.clientIdsOf(providerName), null));
        }
        if (pool.samlProviderARNs().contains(providerName)) {
            return saml.verify(providerName, token, use);
        }
        if (providerName.equals(pool.developerProviderName())) {
            // the backend's provider: only GetOpenIdTokenForDeveloperIdentity (signed) names its users; apps present the token
            return Uni.createFrom().failure(notAuthorized("Invalid login token. The developer provider '" + providerName
                    + "' is given only to GetOpenIdTokenForDeveloperIdentity; present its token as '" + IdentityTokenLogins.PROVIDER + "'."));
        }
        return Uni.createFrom().failure(notAuthorized("Token is not from a supported provider of this identity pool."));
    }

    private Uni<VerifiedLogin> userPoolLogin(List<CognitoIdentityProvider> providers, String providerName, String token) {
        String issuer = userPools.issuerOf(providerName).orElse(null);
        if (issuer == null) {
            return Uni.createFrom().failure(notAuthorized(LoginRefusals.WRONG_ISSUER));
        }
        List<String> clientIds = providers.stream().map(CognitoIdentityProvider::clientId).toList();
        Uni<VerifiedLogin> verified = idTokens.verify(providerName, token,
                new IdTokenLogins.Rules(RS256_ID_TOKENS, Set.of(issuer), issuerKeys.of(issuer), clientIds, "id"));
        // a provider name may be configured once per app client; the check applies to the client the token is for
        return verified.chain(login -> {
            boolean check = providers.stream().anyMatch(provider -> provider.serverSideTokenCheck()
                    && audienceContains(login, provider.clientId()));
            return check ? serverSideCheck.check(issuer.substring(issuer.lastIndexOf('/') + 1), login) : Uni.createFrom().item(login);
        });
    }

    private Uni<VerifiedLogin> publicProviderLogin(String providerName, String token, List<String> appIds) {
        return switch (providerName) {
            case GOOGLE -> idTokens.verify(providerName, token,
                    new IdTokenLogins.Rules(RS256_ID_TOKENS, GOOGLE_ISSUERS, publicKeys.google(), appIds, null));
            case APPLE -> idTokens.verify(providerName, token,
                    new IdTokenLogins.Rules(RS256_ID_TOKENS, APPLE_ISSUERS, publicKeys.apple(), appIds, null));
            case FacebookLogins.PROVIDER -> facebook.verify(token, appIds);
            case AmazonLogins.PROVIDER -> amazon.verify(token, appIds);
            // Twitter and Digits (OAuth 1.0a "token;secret" pairs) are retired by their providers; refused, never trusted
            default -> Uni.createFrom().failure(notAuthorized("Invalid login token. Logins of '" + providerName
                    + "' are not supported by Cognate."));
        };
    }

    private static boolean audienceContains(VerifiedLogin login, String clientId) {
        var aud = login.claims().path("aud");
        if (aud.isTextual()) {
            return aud.asText().equals(clientId);
        }
        for (var value : aud) {
            if (value.asText().equals(clientId)) {
                return true;
            }
        }
        return false;
    }

    public static CognitoException notAuthorized(String message) {
        return LoginRefusals.notAuthorized(message);
    }
}
