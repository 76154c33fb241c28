package dev.cognate.userpool.federation.oidc;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.FederationResponses;
import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.federation.ExternalIdentity;
import dev.cognate.userpool.federation.FederatedSignIn;
import dev.cognate.userpool.federation.FederationProtocol;
import dev.cognate.userpool.federation.oidc.ProviderEndpoints.Protocol;
import dev.cognate.userpool.service.ClientAuthenticator;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Federated sign-in through OpenID Connect providers and the social providers (Google, Facebook, Login with Amazon,
 * Sign in with Apple), in two steps:
 * <ol>
 * <li>{@link #start}: a fresh {@code state} (256 bits), {@code nonce} and PKCE S256 verifier, kept in Redis
 *     ({@link FederationStateStore}) with the pool, client, provider, {@code federationId} and login domain; the browser
 *     goes to the provider's authorization endpoint with {@code response_type=code}, {@code client_id},
 *     {@code redirect_uri={hostedUiBaseUrl}/oauth2/idpresponse}, {@code scope} (the provider's {@code authorize_scopes},
 *     space separated — comma separated for Facebook), {@code state}, {@code nonce} (providers with ID tokens),
 *     {@code code_challenge} and {@code code_challenge_method=S256}, and Apple's {@code response_mode=form_post}.</li>
 * <li>{@link #callback}: the {@code state} taken once (unknown, used, expired → refused); its attempt must be this
 *     client's, this browser's ({@code federationId}) and this login domain's; the provider's {@code error} refuses the
 *     sign-in, and so does an {@code iss} (RFC 9207) that is not the provider's; otherwise the code is exchanged ({@link ProviderSignIn}), the ID token verified and the user's attributes
 *     read, and the verified {@link ExternalIdentity} signed in through {@link FederatedSignIn}.</li>
 * </ol>
 * A refused callback writes nothing: the state is gone (it was single use) and no user is touched.
 */
@ApplicationScoped
public class OidcFederation implements FederationProtocol {

    private static final Logger LOG = Logger.getLogger(OidcFederation.class);

    private final FederationStateStore states;
    private final ProviderEndpointResolver endpoints;
    private final ProviderSignIn providerSignIn;
    private final IdentityProviderService providers;
    private final ClientAuthenticator clients;
    private final Instance<FederatedSignIn> federatedSignIn;
    private final Clock clock;

    public OidcFederation(FederationStateStore states, ProviderEndpointResolver endpoints, ProviderSignIn providerSignIn,
                          IdentityProviderService providers, ClientAuthenticator clients, Instance<FederatedSignIn> federatedSignIn,
                          Clock clock) {
        this.states = states;
        this.endpoints = endpoints;
        this.providerSignIn = providerSignIn;
        this.providers = providers;
        this.clients = clients;
        this.federatedSignIn = federatedSignIn;
        this.clock = clock;
    }

    @Override
    public boolean speaks(String providerType) {
        return ProviderEndpointResolver.knows(providerType);
    }

    @Override
    public Uni<FederationResponses.Redirect> start(AuthenticatedClient client, IdentityProvider provider, FederationRequests.Start request) {
        String baseUrl = loginDomain(request.hostedUiBaseUrl());
        return endpoints.resolve(provider).chain(resolved -> {
            String state = FederationStateStore.randomValue();
            String nonce = FederationStateStore.randomValue();
            String verifier = FederationStateStore.randomValue();
            String redirectUri = baseUrl + "/oauth2/idpresponse";
            FederationState attempt = new FederationState(client.pool().id(), client.client().clientId(), provider.providerName(),
                    provider.providerType(), request.federationId(), baseUrl, redirectUri, nonce, verifier, clock.instant().getEpochSecond(), states.deadline());
            URI authorize = providerSignIn.http().require(resolved.authorizeUrl(), provider.providerName(), "authorization endpoint");
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", provider.providerDetails().get("client_id"));
            query.put("redirect_uri", redirectUri);
            query.put("scope", scopes(provider.providerDetails().get("authorize_scopes"), resolved.protocol()));
            query.put("state", state);
            if (resolved.protocol().hasIdToken()) {
                query.put("nonce", nonce);
            }
            query.put("code_challenge", challenge(verifier));
            query.put("code_challenge_method", "S256");
            if (resolved.protocol() == Protocol.APPLE && !query.get("scope").isEmpty()) {
                // Apple answers requests for the name or email only by form_post
                query.put("response_mode", "form_post");
            }
            String separator = authorize.getRawQuery() == null ? "?" : "&";
            String location = authorize + separator + UpstreamHttp.formEncode(query);
            return states.save(state, attempt).replaceWith(new FederationResponses.Redirect(location));
        });
    }

    /**
     * The provider's answer at {@code /oauth2/idpresponse}, relayed by hosted-ui-service: the user it signed in, or a
     * {@code CognitoException} ({@link FederationErrors}).
     */
    public Uni<FederationResponses.SignedIn> callback(String clientId, FederationRequests.OidcCallback callback) {
        Map<String, String> parameters = callback.parameters();
        String state = parameters.get("state");
        if (state == null || state.isEmpty()) {
            return Uni.createFrom().failure(FederationErrors.missing("state"));
        }
        return states.take(state).chain(found -> {
            FederationState attempt = found.orElseThrow(FederationErrors::unknownState);
            if (!attempt.clientId().equals(clientId) || !Objects.equals(attempt.federationId(), callback.federationId())
                    || !attempt.hostedUiBaseUrl().equals(loginDomainOrNull(callback.hostedUiBaseUrl()))) {
                LOG.infof("federation callback refused: its state was started for another client, browser or login domain");
                throw FederationErrors.foreignState();
            }
            if (parameters.containsKey("error")) {
                throw FederationErrors.providerError(parameters.get("error"), parameters.get("error_description"));
            }
            String code = parameters.get("code");
            if (code == null || code.isEmpty()) {
                throw FederationErrors.missing("code");
            }
            return clients.forFederation(clientId, attempt.providerName())
                    .chain(client -> providers.describeIdentityProvider(attempt.userPoolId(), attempt.providerName()))
                    .chain(provider -> {
                        if (!provider.providerType().equals(attempt.providerType())) {
                            throw FederationErrors.misconfigured(provider.providerName(), "its type changed during the sign-in");
                        }
                        return endpoints.resolve(provider).chain(resolved -> {
                            // RFC 9207: an authorization response naming its issuer must name this provider's (mix-up defence)
                            String iss = parameters.get("iss");
                            if (iss != null && resolved.protocol().hasIdToken() && !resolved.issuers().contains(iss)) {
                                throw FederationErrors.badAnswer(provider.providerName(), "the authorization response names another issuer");
                            }
                            return providerSignIn.complete(provider, resolved, attempt, code, parameters.get("user"));
                        });
                    })
                    .chain(identity -> signIn(clientId, identity, callback.ipAddress())
                            .map(user -> new FederationResponses.SignedIn(user, attempt.providerName(), attempt.federationId(), Map.of())));
        });
    }

    private Uni<SignedInUser> signIn(String clientId, ExternalIdentity identity, String ipAddress) {
        if (!federatedSignIn.isResolvable()) {
            LOG.error("no FederatedSignIn bean: a verified federated identity cannot be signed in");
            return Uni.createFrom().failure(CognitoException.internalError());
        }
        return federatedSignIn.get().signIn(clientId, identity, ipAddress);
    }

    /** The provider's {@code authorize_scopes} (Cognito stores them space or comma separated) as the provider expects them. */
    static String scopes(String authorizeScopes, Protocol protocol) {
        String[] scopes = authorizeScopes == null ? new String[0]
                : Arrays.stream(authorizeScopes.trim().split("[,\\s]+")).filter(scope -> !scope.isEmpty()).toArray(String[]::new);
        return String.join(protocol == Protocol.FACEBOOK ? "," : " ", scopes);
    }

    /** RFC 7636 S256: base64url(SHA-256(verifier)). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The login domain's base URL, without a trailing slash; not an http(s) URL of a host → InvalidParameterException. */
    static String loginDomain(String hostedUiBaseUrl) {
        String base = loginDomainOrNull(hostedUiBaseUrl);
        if (base == null) {
            throw CognitoException.invalidParameter("hostedUiBaseUrl must be an http or https URL without query or fragment");
        }
        return base;
    }

    private static String loginDomainOrNull(String hostedUiBaseUrl) {
        if (hostedUiBaseUrl == null) {
            return null;
        }
        try {
            URI uri = new URI(hostedUiBaseUrl);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return null;
            }
            return hostedUiBaseUrl.endsWith("/") ? hostedUiBaseUrl.substring(0, hostedUiBaseUrl.length() - 1) : hostedUiBaseUrl;
        } catch (Exception e) {
            return null;
        }
    }
}
