package dev.cognate.hostedui.oauth;

import dev.cognate.internalapi.AppClientConfig;
import dev.cognate.hostedui.config.HostedUiConfig;
import dev.cognate.hostedui.web.PageError;
import dev.cognate.hostedui.web.PageException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an authorization request against its app client. The redirect URI is checked first: until it is known
 * good every problem is a {@link PageException} (the error page, never a redirect: RFC 6749 §4.1.2.1, RFC 9700);
 * after that, an {@link OAuthRedirectException} sends the browser back to the client with the error (in the query for
 * {@code response_type=code}, in the fragment for the implicit flow's {@code token}). The implicit flow needs
 * {@code implicit} in the client's AllowedOAuthFlows, ignores PKCE, and requires a {@code nonce} with {@code openid}.
 */
@ApplicationScoped
public class AuthorizationRequestValidator {

    /** RFC 7636 §4.2: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Set<String> SINGLE_VALUED = Set.of("client_id", "redirect_uri", "response_type", "state",
            "scope", "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age", "login_hint",
            "ui_locales", "lang", "identity_provider", "idp_identifier");
    private static final String COGNITO_PROVIDER = "COGNITO";
    private static final int MAX_PARAMETER_LENGTH = 2048;

    private final String issuerBaseUrl;

    public AuthorizationRequestValidator(HostedUiConfig config) {
        this.issuerBaseUrl = IssuerUrls.trimmed(config.issuerBaseUrl());
    }

    /** {@code iss} of the pool's tokens and authorization responses: {@code <cognate.issuer-base-url>/<poolId>}. */
    public String issuer(String userPoolId) {
        return issuerBaseUrl + "/" + userPoolId;
    }

    public AuthorizationRequest validate(AppClientConfig client, Map<String, List<String>> parameters) {
        if (parameters.getOrDefault("redirect_uri", List.of()).size() > 1) {
            throw new PageException(PageError.BAD_REQUEST);
        }
        String redirectUri = single(parameters, "redirect_uri");
        if (redirectUri == null) {
            throw new PageException(PageError.MISSING_REDIRECT_URI);
        }
        if (!client.allowsRedirectUri(redirectUri)) {
            throw new PageException(PageError.REDIRECT_MISMATCH);
        }
        // From here on the redirect URI is the client's own: errors go back to it — in the fragment when the request
        // is the implicit flow's (RFC 6749 §4.2.2.1), known as soon as response_type is exactly one "token".
        String state = single(parameters, "state");
        boolean inFragment = parameters.getOrDefault("response_type", List.of()).equals(List.of(AuthorizationRequest.TOKEN));
        Rejection reject = (error, description) -> new OAuthRedirectException(redirectUri, error, description, state,
                issuer(client.userPoolId()), inFragment);

        for (var entry : parameters.entrySet()) {
            if (SINGLE_VALUED.contains(entry.getKey()) && entry.getValue().size() > 1) {
                throw reject.with("invalid_request", "duplicate parameter " + entry.getKey());
            }
            if (entry.getValue().stream().anyMatch(value -> value != null && value.length() > MAX_PARAMETER_LENGTH)) {
                throw reject.with("invalid_request", "parameter " + entry.getKey() + " is too long");
            }
        }
        String responseType = single(parameters, "response_type");
        if (responseType == null) {
            throw reject.with("invalid_request", "response_type is required");
        }
        if (!AuthorizationRequest.CODE.equals(responseType) && !AuthorizationRequest.TOKEN.equals(responseType)) {
            // Neither hybrid nor id_token-only response types: Cognito knows code and token.
            throw reject.with("unsupported_response_type", "response_type must be code or token");
        }
        boolean implicit = AuthorizationRequest.TOKEN.equals(responseType);
        // Cognito's flow names in AllowedOAuthFlows: "code", and "implicit" for response_type=token.
        if (!client.allowedOAuthFlowsUserPoolClient() || !client.allowedOAuthFlows().contains(implicit ? "implicit" : "code")) {
            throw reject.with("unauthorized_client", implicit ? "the client is not allowed the implicit flow"
                    : "the client is not allowed the authorization code flow");
        }
        if (!client.supportedIdentityProviders().contains(COGNITO_PROVIDER) && client.identityProviders().isEmpty()) {
            throw reject.with("unauthorized_client", "the client has no identity provider to sign in with");
        }
        String identityProvider = identityProvider(client, single(parameters, "identity_provider"),
                single(parameters, "idp_identifier"), reject);

        String requestedScope = single(parameters, "scope");
        List<String> scopes = grantedScopes(client, requestedScope, reject);
        String nonce = single(parameters, "nonce");
        if (implicit && nonce == null && scopes.contains("openid")) {
            // OIDC Core §3.2.2.1: the ID token of the implicit flow travels through the browser; the nonce binds it
            throw reject.with("invalid_request", "nonce is required for the implicit flow with the openid scope");
        }

        // PKCE protects a code; the implicit flow issues none, so its code_challenge is ignored.
        String codeChallenge = implicit ? null : single(parameters, "code_challenge");
        String codeChallengeMethod = implicit ? null : single(parameters, "code_challenge_method");
        if (!implicit) {
            checkPkce(client, codeChallenge, codeChallengeMethod, reject);
        }

        String prompt = single(parameters, "prompt");
        if (prompt != null && !prompt.equals("login") && !prompt.equals("none")) {
            throw reject.with("invalid_request", "prompt must be login or none");
        }
        Long maxAge = maxAge(single(parameters, "max_age"), reject);

        String lang = single(parameters, "lang");
        if (lang == null && single(parameters, "ui_locales") != null) {
            // ui_locales is a space-separated preference list (OIDC Core §3.1.2.1); PageLocales reads comma-separated.
            lang = String.join(",", single(parameters, "ui_locales").trim().split("\\s+"));
        }
        return new AuthorizationRequest(client.clientId(), client.userPoolId(), redirectUri, responseType, state,
                requestedScope, scopes, nonce, codeChallenge, codeChallenge == null ? null : codeChallengeMethod,
                prompt, maxAge, single(parameters, "login_hint"), lang, identityProvider);
    }

    /**
     * The upstream provider the request names, null for the user pool's own sign-in. {@code identity_provider} is
     * {@code COGNITO} (the client must support it) or exactly — case-sensitive, as Cognito — the name of one of the
     * client's providers; {@code idp_identifier} is one of a provider's {@code IdpIdentifiers} (stored lower-case, so
     * matched without case). With both, they must name the same provider.
     */
    private static String identityProvider(AppClientConfig client, String name, String identifier, Rejection reject) {
        if (COGNITO_PROVIDER.equals(name)) {
            if (!client.supportedIdentityProviders().contains(COGNITO_PROVIDER)) {
                throw reject.with("invalid_request", "the client does not support the identity provider COGNITO");
            }
            if (identifier != null) {
                throw reject.with("invalid_request", "identity_provider and idp_identifier name different providers");
            }
            return null;
        }
        String byName = name == null ? null : client.identityProviders().stream()
                .map(AppClientConfig.IdentityProviderSummary::providerName).filter(name::equals).findFirst()
                .orElseThrow(() -> reject.with("invalid_request", "the client does not support the identity provider " + name));
        String byIdentifier = identifier == null ? null : providerOfIdentifier(client, identifier)
                .orElseThrow(() -> reject.with("invalid_request", "no identity provider of the client has the identifier " + identifier));
        if (byName != null && byIdentifier != null && !byName.equals(byIdentifier)) {
            throw reject.with("invalid_request", "identity_provider and idp_identifier name different providers");
        }
        return byName != null ? byName : byIdentifier;
    }

    /** The client's provider with this {@code IdpIdentifiers} entry (case-insensitive), if any. */
    public static Optional<String> providerOfIdentifier(AppClientConfig client, String identifier) {
        String wanted = identifier.toLowerCase(Locale.ROOT);
        return client.identityProviders().stream()
                .filter(provider -> provider.idpIdentifiers().stream().anyMatch(id -> id.toLowerCase(Locale.ROOT).equals(wanted)))
                .map(AppClientConfig.IdentityProviderSummary::providerName).findFirst();
    }

    /** PKCE S256 of a code request: required for a client without a secret, checked whenever sent. */
    private static void checkPkce(AppClientConfig client, String codeChallenge, String codeChallengeMethod,
                                  Rejection reject) {
        if (codeChallenge == null) {
            if (codeChallengeMethod != null) {
                throw reject.with("invalid_request", "code_challenge_method without code_challenge");
            }
            if (!client.hasSecret()) {
                throw reject.with("invalid_request", "code_challenge is required for a client without a secret");
            }
        } else {
            if (!"S256".equals(codeChallengeMethod)) {
                throw reject.with("invalid_request", "code_challenge_method must be S256");
            }
            if (!CODE_CHALLENGE.matcher(codeChallenge).matches()) {
                throw reject.with("invalid_request", "code_challenge is malformed");
            }
        }
    }

    private static List<String> grantedScopes(AppClientConfig client, String requestedScope, Rejection reject) {
        if (requestedScope == null || requestedScope.isBlank()) {
            return client.allowedOAuthScopes();
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(requestedScope.trim().split(" +")));
        for (String scope : requested) {
            if (!client.allowedOAuthScopes().contains(scope)) {
                throw reject.with("invalid_scope", "the client is not allowed the scope " + scope);
            }
        }
        return List.copyOf(requested);
    }

    private static Long maxAge(String value, Rejection reject) {
        if (value == null) {
            return null;
        }
        try {
            long maxAge = Long.parseLong(value);
            if (maxAge >= 0) {
                return maxAge;
            }
        } catch (NumberFormatException notANumber) {
            // rejected below
        }
        throw reject.with("invalid_request", "max_age must be a non-negative integer");
    }

    /** The parameter's value, null when absent or empty (RFC 6749 §3.1: empty parameters are treated as omitted). */
    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isEmpty()) {
            return null;
        }
        return values.get(0);
    }

    @FunctionalInterface
    private interface Rejection {
        OAuthRedirectException with(String error, String description);
    }
}
