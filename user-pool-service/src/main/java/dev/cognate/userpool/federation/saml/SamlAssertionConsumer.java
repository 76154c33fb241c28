package dev.cognate.userpool.federation.saml;

import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.http.HttpRequest;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.FederationResponses;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.federation.ExternalIdentity;
import dev.cognate.userpool.federation.FederatedSignIn;
import dev.cognate.userpool.service.AppClientService;
import dev.cognate.userpool.service.ClientAuthenticator;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code FEDERATION_SAML_RESPONSE}: a {@code SAMLResponse} posted to {@code /saml2/idpresponse}, checked, then signed in
 * through {@link FederatedSignIn}.
 * <ol>
 * <li>SP-initiated (the response has {@code InResponseTo}): it must answer an AuthnRequest the pool sent, still pending
 *     (taken once: a second response to the same request is refused), for the same app client, login domain and browser
 *     ({@code federationId}).</li>
 * <li>IdP-initiated (no {@code InResponseTo}): only for a provider with {@code IDPInit} {@code true}, named by
 *     {@code identity_provider} or {@code idp_identifier} in the {@code RelayState}, whose {@code client_id} must be this
 *     client — the authorization request Cognito reads from the RelayState.</li>
 * <li>java-saml's strict validation ({@link SamlSettings}): signature by the provider's metadata certificate, issuer,
 *     audience, destination and recipient (the ACS), validity window, {@code InResponseTo}, one assertion, XML signature
 *     wrapping; with {@code EncryptedResponses} the assertion must be encrypted to the pool's encryption certificate.</li>
 * <li>The assertion's ID enters the replay cache until it expires; a second use is refused.</li>
 * </ol>
 * Every refusal is {@code NotAuthorizedException} "Invalid SAML response received: …" (the reason logged), and nothing is
 * written. Redis unreachable fails closed ({@link SamlRequestStore}).
 */
@ApplicationScoped
public class SamlAssertionConsumer {

    private static final Logger LOG = Logger.getLogger(SamlAssertionConsumer.class);
    /** How long past an assertion's NotOnOrAfter its ID stays in the replay cache: java-saml's allowed clock drift. */
    private static final Duration REPLAY_MARGIN = Duration.ofSeconds(180);
    /** An assertion without NotOnOrAfter (java-saml then checks only NotBefore) is remembered this long. */
    private static final Duration REPLAY_DEFAULT = Duration.ofHours(1);

    private final ClientAuthenticator clients;
    private final AppClientService appClients;
    private final IdentityProviderService providers;
    private final IdpMetadataSource metadata;
    private final SpCredentialStore credentials;
    private final SamlRequestStore requests;
    private final FederatedSignIn federatedSignIn;
    private final Clock clock;

    public SamlAssertionConsumer(ClientAuthenticator clients, AppClientService appClients, IdentityProviderService providers, IdpMetadataSource metadata,
                                 SpCredentialStore credentials, SamlRequestStore requests, FederatedSignIn federatedSignIn,
                                 Clock clock) {
        this.clients = clients;
        this.appClients = appClients;
        this.providers = providers;
        this.metadata = metadata;
        this.credentials = credentials;
        this.requests = requests;
        this.federatedSignIn = federatedSignIn;
        this.clock = clock;
    }

    public Uni<FederationResponses.SignedIn> consume(String clientId, FederationRequests.SamlResponse request) {
        if (request.hostedUiBaseUrl() == null || request.hostedUiBaseUrl().isBlank()) {
            throw CognitoException.invalidParameter("hostedUiBaseUrl is required");
        }
        ResponseEnvelope envelope = ResponseEnvelope.read(request.samlResponse());
        Uni<Attempt> attempt = envelope.inResponseTo() != null ? spInitiated(clientId, request, envelope.inResponseTo())
                : idpInitiated(clientId, request);
        return attempt.chain(found -> verify(found, request)
                .call(verified -> notReplayed(found.client().pool().id(), verified))
                .chain(verified -> signIn(clientId, found, verified, request)));
    }

    /** The client, the provider and (SP-initiated) the request this response must answer. */
    private record Attempt(AuthenticatedClient client, IdentityProvider provider, String requestId, String federationId) {
    }

    private Uni<Attempt> spInitiated(String clientId, FederationRequests.SamlResponse request, String inResponseTo) {
        return requests.takeRequest(inResponseTo).chain(taken -> {
            SamlRequestStore.Pending pending = taken.orElseThrow(() -> invalid("it answers no pending request of this user pool"));
            if (!pending.clientId().equals(clientId) || !pending.hostedUiBaseUrl().equals(request.hostedUiBaseUrl())) {
                throw invalid("it answers a request of another app client or login domain");
            }
            if (request.federationId() == null || !pending.federationId().equals(request.federationId())) {
                // A response delivered into another browser than the one that started the sign-in (login CSRF).
                throw invalid("it answers a request of another browser");
            }
            return attempt(clientId, pending.providerName()).map(found -> new Attempt(found.client(), found.provider(), inResponseTo,
                    pending.federationId()));
        });
    }

    private Uni<Attempt> idpInitiated(String clientId, FederationRequests.SamlResponse request) {
        Map<String, String> relayState = formParameters(request.relayState());
        String providerName = relayState.get("identity_provider");
        String identifier = relayState.get("idp_identifier");
        if (!clientId.equals(relayState.get("client_id"))) {
            throw CognitoException.invalidParameter("An IdP-initiated SAML response needs a RelayState naming this client_id.");
        }
        if (providerName == null && identifier == null) {
            throw CognitoException.invalidParameter("An IdP-initiated SAML response needs a RelayState naming identity_provider or idp_identifier.");
        }
        Uni<String> name = providerName != null ? Uni.createFrom().item(providerName)
                : appClients.findClient(clientId)
                        .map(found -> found.orElseThrow(() -> AppClientService.notFound(clientId)))
                        .chain(client -> providers.getIdentityProviderByIdentifier(client.userPoolId(), identifier.toLowerCase(Locale.ROOT)))
                        .map(IdentityProvider::providerName);
        return name.chain(found -> attempt(clientId, found))
                .invoke(found -> {
                    if (!SamlProviderDetails.of(found.provider()).idpInitiated()) {
                        throw invalid("IdP-initiated sign-in is not enabled for the identity provider " + found.provider().providerName());
                    }
                });
    }

    private Uni<Attempt> attempt(String clientId, String providerName) {
        return clients.forFederation(clientId, providerName)
                .chain(client -> providers.describeIdentityProvider(client.pool().id(), providerName)
                        .invoke(provider -> {
                            if (!SamlFederation.SAML.equals(provider.providerType())) {
                                throw CognitoException.invalidParameter("The identity provider " + providerName + " is not a SAML provider.");
                            }
                        })
                        .map(provider -> new Attempt(client, provider, null, null)));
    }

    private Uni<VerifiedAssertion> verify(Attempt attempt, FederationRequests.SamlResponse request) {
        String poolId = attempt.client().pool().id();
        SamlProviderDetails details = SamlProviderDetails.of(attempt.provider());
        return metadata.of(attempt.provider()).chain(idp -> credentials.of(poolId).chain(sp -> Uni.createFrom().item(() -> {
            String acs = SamlSettings.acsUrl(request.hostedUiBaseUrl());
            SamlResponse response;
            try {
                response = new SamlResponse(SamlSettings.of(poolId, request.hostedUiBaseUrl(), sp, idp, details),
                        new HttpRequest(acs, (String) null).addParameter("SAMLResponse", request.samlResponse()));
            } catch (Exception e) {
                // Decryption failures (an assertion encrypted to another key) and unreadable documents.
                throw invalid(reason(e.getMessage()));
            }
            if (!response.isValid(attempt.requestId())) {
                throw invalid(reason(response.getError()));
            }
            try {
                List<org.joda.time.Instant> expiries = response.getAssertionNotOnOrAfter();
                Instant notOnOrAfter = expiries == null || expiries.isEmpty() ? null
                        : expiries.stream().map(expiry -> Instant.ofEpochMilli(expiry.getMillis())).min(Instant::compareTo).orElse(null);
                return new VerifiedAssertion(response.getNameId(), response.getNameIdFormat(), response.getSessionIndex(),
                        response.getAttributes(), response.getAssertionId(), notOnOrAfter, idp.entityId());
            } catch (Exception e) {
                throw invalid(reason(e.getMessage()));
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())));
    }

    private Uni<Void> notReplayed(String poolId, VerifiedAssertion verified) {
        Duration ttl = verified.notOnOrAfter() == null ? REPLAY_DEFAULT
                : Duration.between(clock.instant(), verified.notOnOrAfter()).plus(REPLAY_MARGIN);
        return requests.firstUse(poolId, verified.assertionId(), ttl).invoke(first -> {
            if (!first) {
                throw invalid("the assertion " + verified.assertionId() + " was used already");
            }
        }).replaceWithVoid();
    }

    private Uni<FederationResponses.SignedIn> signIn(String clientId, Attempt attempt, VerifiedAssertion verified,
                                                      FederationRequests.SamlResponse request) {
        Map<String, String> attributes = verified.joinedAttributes();
        ExternalIdentity identity = new ExternalIdentity(attempt.provider(), verified.nameId(), attributes,
                new ExternalIdentity.InboundFederationAttributes(null, null, null, attributes), verified.issuer());
        return federatedSignIn.signIn(clientId, identity, request.ipAddress())
                .map(user -> new FederationResponses.SignedIn(user, attempt.provider().providerName(), attempt.federationId(),
                        verified.providerSession(SamlProviderDetails.of(attempt.provider()).idpSignout())));
    }

    static CognitoException invalid(String why) {
        return new CognitoException("NotAuthorizedException", "Invalid SAML response received: " + why + ".");
    }

    private static String reason(String message) {
        String text = message == null || message.isBlank() ? "it did not pass validation" : message.strip();
        LOG.infof("SAML response refused: %s", text);
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** {@code a=b&c=d} (form-encoded, as Cognito's RelayState carries the authorization request); null or bad → empty. */
    static Map<String, String> formParameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query == null || query.isBlank() || query.length() > 4096) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                return Map.of();
            }
        }
        parameters.values().removeIf(Objects::isNull);
        return parameters;
    }
}
