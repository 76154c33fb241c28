package dev.cognate.userpool.federation.saml;

import com.onelogin.saml2.http.HttpRequest;
import com.onelogin.saml2.logout.LogoutRequest;
import com.onelogin.saml2.logout.LogoutRequestParams;
import com.onelogin.saml2.logout.LogoutResponse;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.FederationResponses;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.service.AppClientService;
import dev.cognate.userpool.service.ClientAuthenticator;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-out at a SAML provider with {@code IDPSignout} {@code true} (SP-initiated single logout, HTTP-Redirect binding):
 * <ul>
 * <li>{@code FEDERATION_SAML_LOGOUT}: a LogoutRequest for the session's {@code NameID} and {@code SessionIndex} (what
 *     {@code SignedIn.providerSession} gave at sign-in), always signed with the pool's signing key as Cognito signs its
 *     sign-out requests, to the provider's SingleLogoutService; its ID remembered in Redis.</li>
 * <li>{@code FEDERATION_SAML_LOGOUT_RESPONSE}: the provider's LogoutResponse at {@code /saml2/logout}: it must answer a
 *     pending LogoutRequest of this client and login domain (taken once), be signed by the provider's metadata
 *     certificate (the redirect binding's {@code Signature} over the raw query), name the pool's logout URL as its
 *     destination and report success; then {@code LoggedOut} with the relay state.</li>
 * <li>{@code FEDERATION_SAML_LOGOUT_RESPONSE} with a {@code SAMLRequest}: IdP-initiated sign-out ({@link #idpInitiated}).</li>
 * </ul>
 * A provider without {@code IDPSignout}, or without an HTTP-Redirect SingleLogoutService, is refused.
 */
@ApplicationScoped
public class SamlLogouts {

    /** The members of {@code SignedIn.providerSession} for a SAML provider. */
    public static final String NAME_ID = "nameId";
    public static final String NAME_ID_FORMAT = "nameIdFormat";
    public static final String SESSION_INDEX = "sessionIndex";

    private static final Logger LOG = Logger.getLogger(SamlLogouts.class);

    private final ClientAuthenticator clients;
    private final AppClientService appClients;
    private final IdentityProviderService providers;
    private final IdpMetadataSource metadata;
    private final SpCredentialStore credentials;
    private final SamlRequestStore requests;

    public SamlLogouts(ClientAuthenticator clients, AppClientService appClients, IdentityProviderService providers, IdpMetadataSource metadata,
                       SpCredentialStore credentials, SamlRequestStore requests) {
        this.clients = clients;
        this.appClients = appClients;
        this.providers = providers;
        this.metadata = metadata;
        this.credentials = credentials;
        this.requests = requests;
    }

    public Uni<FederationResponses.Redirect> start(String clientId, FederationRequests.SamlLogout request) {
        String nameId = request.providerSession().get(NAME_ID);
        if (nameId == null || nameId.isBlank() || request.hostedUiBaseUrl() == null || request.hostedUiBaseUrl().isBlank()) {
            throw CognitoException.invalidParameter("providerSession.nameId and hostedUiBaseUrl are required");
        }
        return samlProvider(clientId, request.providerName()).chain(found -> {
            SamlProviderDetails details = SamlProviderDetails.of(found.provider());
            if (!details.idpSignout()) {
                throw CognitoException.invalidParameter("IDPSignout is not enabled for the identity provider " + request.providerName() + ".");
            }
            String poolId = found.client().pool().id();
            return metadata.of(found.provider()).chain(idp -> credentials.of(poolId).chain(sp -> Uni.createFrom().item(() -> {
                        if (idp.singleLogoutUrl() == null) {
                            throw CognitoException.invalidParameter("The metadata of the identity provider " + request.providerName()
                                    + " has no SingleLogoutService with the HTTP-Redirect binding.");
                        }
                        Saml2Settings settings = SamlSettings.of(poolId, request.hostedUiBaseUrl(), sp, idp, details);
                        LogoutRequest logout = new LogoutRequest(settings, new LogoutRequestParams(
                                request.providerSession().get(SESSION_INDEX), nameId, request.providerSession().get(NAME_ID_FORMAT)));
                        try {
                            return new Sent(logout.getId(), RedirectBinding.location(idp.singleLogoutUrl(),
                                    logout.getEncodedLogoutRequest(), request.relayState(), sp.signingKey()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())))
                    .call(sent -> requests.rememberLogout(sent.requestId(), new SamlRequestStore.Pending(null, clientId, poolId,
                            request.providerName(), request.hostedUiBaseUrl())))
                    .map(sent -> new FederationResponses.Redirect(sent.location()));
        });
    }

    public Uni<FederationResponses.LoggedOut> finish(String clientId, FederationRequests.SamlLogoutMessage message) {
        if (message.samlRequest() != null && message.samlResponse() == null) {
            return idpInitiated(clientId, message);
        }
        if (message.samlResponse() == null || message.samlResponse().isBlank() || message.rawQuery() == null
                || message.hostedUiBaseUrl() == null || message.hostedUiBaseUrl().isBlank()) {
            throw CognitoException.invalidParameter("SAMLResponse (by the HTTP-Redirect binding, with its raw query) and hostedUiBaseUrl are required");
        }
        String inResponseTo = inResponseTo(message.samlResponse());
        return requests.takeLogout(inResponseTo).chain(taken -> {
            SamlRequestStore.Pending pending = taken.orElseThrow(() -> invalid("it answers no pending LogoutRequest of this user pool"));
            if (!pending.clientId().equals(clientId) || !pending.hostedUiBaseUrl().equals(message.hostedUiBaseUrl())) {
                throw invalid("it answers a LogoutRequest of another app client or login domain");
            }
            return samlProvider(clientId, pending.providerName()).chain(found -> {
                String poolId = found.client().pool().id();
                SamlProviderDetails details = SamlProviderDetails.of(found.provider());
                return metadata.of(found.provider()).chain(idp -> credentials.of(poolId).emitOn(Infrastructure.getDefaultWorkerPool()).map(sp -> {
                    Saml2Settings settings = SamlSettings.of(poolId, message.hostedUiBaseUrl(), sp, idp, details);
                    settings.setWantMessagesSigned(true);
                    LogoutResponse response = new LogoutResponse(settings, new HttpRequest(SamlSettings.logoutUrl(message.hostedUiBaseUrl()),
                            queryParameters(message.rawQuery()), message.rawQuery()));
                    if (!response.isValid(inResponseTo)) {
                        throw invalid(reason("response", response.getError()));
                    }
                    String status;
                    try {
                        status = response.getStatus();
                    } catch (Exception e) {
                        throw invalid("its status is unreadable");
                    }
                    if (!Constants.STATUS_SUCCESS.equals(status)) {
                        throw invalid("the identity provider reports " + status);
                    }
                    return new FederationResponses.LoggedOut(message.relayState(), null);
                }));
            });
        });
    }

    /**
     * A LogoutRequest from the provider (IdP-initiated sign-out, HTTP-Redirect): from one of the client's SAML providers
     * with {@code IDPSignout} (found by its issuer, the metadata's entity id), signed by a metadata certificate (unsigned
     * refused), addressed to {@code /saml2/logout}, not expired, not seen before; answered by a signed LogoutResponse
     * (Success) to the provider's SingleLogoutService, which hosted-ui-service sends the browser to after ending its session.
     */
    private Uni<FederationResponses.LoggedOut> idpInitiated(String clientId, FederationRequests.SamlLogoutMessage message) {
        if (message.samlRequest().isBlank() || message.rawQuery() == null || message.hostedUiBaseUrl() == null
                || message.hostedUiBaseUrl().isBlank()) {
            throw CognitoException.invalidParameter("SAMLRequest (by the HTTP-Redirect binding, with its raw query) and hostedUiBaseUrl are required");
        }
        String issuer = logoutRequestIssuer(message.samlRequest());
        return appClients.findClient(clientId)
                .map(found -> found.orElseThrow(() -> AppClientService.notFound(clientId)))
                .chain(client -> providerWithEntityId(client.userPoolId(), client.config().supportedIdentityProviders(), issuer))
                .chain(provider -> samlProvider(clientId, provider.providerName()))
                .chain(found -> {
                    SamlProviderDetails details = SamlProviderDetails.of(found.provider());
                    if (!details.idpSignout()) {
                        throw CognitoException.invalidParameter("IDPSignout is not enabled for the identity provider "
                                + found.provider().providerName() + ".");
                    }
                    String poolId = found.client().pool().id();
                    return metadata.of(found.provider()).chain(idp -> credentials.of(poolId).emitOn(Infrastructure.getDefaultWorkerPool()).map(sp -> {
                        Saml2Settings settings = SamlSettings.of(poolId, message.hostedUiBaseUrl(), sp, idp, details);
                        settings.setWantMessagesSigned(true);
                        LogoutRequest request = new LogoutRequest(settings, new HttpRequest(SamlSettings.logoutUrl(message.hostedUiBaseUrl()),
                                queryParameters(message.rawQuery()), message.rawQuery()));
                        if (!request.isValid()) {
                            throw invalidRequest(reason("request", request.getError()));
                        }
                        if (idp.singleLogoutUrl() == null) {
                            throw invalidRequest("the provider's metadata has no SingleLogoutService with the HTTP-Redirect binding");
                        }
                        LogoutResponse response = new LogoutResponse(settings, (HttpRequest) null);
                        response.build(request.getId());
                        try {
                            return new Answered(poolId, request.getId(), RedirectBinding.location(idp.singleLogoutUrl(), "SAMLResponse",
                                    response.getEncodedLogoutResponse(), message.relayState(), sp.signingKey()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }));
                })
                .call(answered -> requests.firstUse(answered.poolId(), "logout-request:" + answered.requestId(), SamlRequestStore.REQUEST_TTL)
                        .invoke(first -> {
                            if (!first) {
                                throw invalidRequest("the LogoutRequest " + answered.requestId() + " was used already");
                            }
                        }))
                .map(answered -> new FederationResponses.LoggedOut(message.relayState(), answered.location()));
    }

    private record Answered(String poolId, String requestId, String location) {
    }

    /** Among the client's providers {@code names}, the SAML provider whose metadata names {@code entityId}, tried in turn. */
    private Uni<IdentityProvider> providerWithEntityId(String poolId, List<String> names, String entityId) {
        Uni<Optional<IdentityProvider>> found = Uni.createFrom().item(Optional.empty());
        for (String name : names) {
            if (ClientAuthenticator.COGNITO_PROVIDER.equals(name)) {
                continue;
            }
            found = found.chain(earlier -> earlier.isPresent() ? Uni.createFrom().item(earlier)
                    : providers.describeIdentityProvider(poolId, name)
                            .chain(provider -> !SamlFederation.SAML.equals(provider.providerType()) ? Uni.createFrom().item(Optional.<IdentityProvider>empty())
                                    : metadata.of(provider).map(idp -> entityId.equals(idp.entityId()) ? Optional.of(provider)
                                    : Optional.<IdentityProvider>empty()))
                            // a provider whose metadata cannot be read now is not the one that sent this request
                            .onFailure(CognitoException.class).recoverWithItem(Optional.empty()));
        }
        return found.map(provider -> provider.orElseThrow(() -> invalidRequest("it comes from no SAML identity provider of this app client")));
    }

    private static String logoutRequestIssuer(String samlRequest) {
        String xml;
        try {
            xml = Util.base64decodedInflated(samlRequest);
        } catch (RuntimeException e) {
            throw invalidRequest("the SAMLRequest is not a deflated, base64 LogoutRequest");
        }
        Document document = xml == null ? null : Util.loadXML(xml);
        if (document == null || !"LogoutRequest".equals(document.getDocumentElement().getLocalName())
                || !Constants.NS_SAMLP.equals(document.getDocumentElement().getNamespaceURI())) {
            throw invalidRequest("the SAMLRequest is not a SAML 2.0 LogoutRequest");
        }
        try {
            String issuer = LogoutRequest.getIssuer(document);
            if (issuer == null || issuer.isBlank()) {
                throw invalidRequest("it names no Issuer");
            }
            return issuer.strip();
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw invalidRequest("it names no Issuer");
        }
    }

    private static CognitoException invalidRequest(String why) {
        return new CognitoException("NotAuthorizedException", "Invalid SAML logout request received: " + why + ".");
    }

    private record Sent(String requestId, String location) {
    }

    private Uni<Found> samlProvider(String clientId, String providerName) {
        return clients.forFederation(clientId, providerName)
                .chain(client -> providers.describeIdentityProvider(client.pool().id(), providerName)
                        .map(provider -> {
                            if (!SamlFederation.SAML.equals(provider.providerType())) {
                                throw CognitoException.invalidParameter("The identity provider " + providerName + " is not a SAML provider.");
                            }
                            return new Found(client, provider);
                        }));
    }

    private record Found(AuthenticatedClient client, IdentityProvider provider) {
    }

    private static String inResponseTo(String samlResponse) {
        String xml;
        try {
            xml = Util.base64decodedInflated(samlResponse);
        } catch (RuntimeException e) {
            throw invalid("the SAMLResponse is not a deflated, base64 LogoutResponse");
        }
        Document document = xml == null ? null : Util.loadXML(xml);
        if (document == null || !"LogoutResponse".equals(document.getDocumentElement().getLocalName())
                || !Constants.NS_SAMLP.equals(document.getDocumentElement().getNamespaceURI())) {
            throw invalid("the SAMLResponse is not a SAML 2.0 LogoutResponse");
        }
        String id = document.getDocumentElement().getAttribute("InResponseTo");
        if (id.isEmpty()) {
            throw invalid("it answers no LogoutRequest");
        }
        return id;
    }

    /** The raw query's parameters, decoded (java-saml reads the signed octets from the raw query itself). */
    private static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw invalid("the query string is malformed");
            }
        }
        return parameters;
    }

    private static CognitoException invalid(String why) {
        return new CognitoException("NotAuthorizedException", "Invalid SAML logout response received: " + why + ".");
    }

    private static String reason(String what, String message) {
        String text = message == null || message.isBlank() ? "it did not pass validation" : message.strip();
        LOG.infof("SAML logout %s refused: %s", what, text);
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
