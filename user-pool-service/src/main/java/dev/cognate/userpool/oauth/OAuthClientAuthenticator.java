package dev.cognate.userpool.oauth;

import dev.cognate.userpool.repository.SettingsCache;
import dev.cognate.userpool.service.AppClientService;
import dev.cognate.userpool.service.ClientAuthenticator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Client authentication of {@code /oauth2/token} and {@code /oauth2/revoke} (RFC 6749 §2.3): HTTP Basic with the
 * form-urlencoded {@code client_id:client_secret} ({@code client_secret_basic}), or {@code client_id} and
 * {@code client_secret} in the body ({@code client_secret_post}) — never both. A client without a secret sends its
 * {@code client_id} only; a client with one must prove one of its (up to two) secrets, compared in constant time.
 * Every failure is {@code invalid_client} (401, with a Basic challenge when Basic was tried).
 */
@ApplicationScoped
public class OAuthClientAuthenticator {

    private final SettingsCache pools;
    private final AppClientService clients;

    public OAuthClientAuthenticator(SettingsCache pools, AppClientService clients) {
        this.pools = pools;
        this.clients = clients;
    }

    /** What the request claims: the client id, the secret (null when none was sent), and whether Basic carried them. */
    record Presented(String clientId, String secret, boolean basic) {
    }

    public Uni<OAuthClient> authenticate(String authorization, FormParameters form) {
        Presented presented;
        try {
            presented = presented(authorization, form);
        } catch (OAuthException e) {
            return Uni.createFrom().failure(e);
        }
        OAuthException refused = OAuthException.invalidClient("Client authentication failed.", presented.basic());
        if (presented.clientId().length() > 128) {
            return Uni.createFrom().failure(refused);
        }
        return clients.findClient(presented.clientId())
                .map(found -> found.orElseThrow(() -> refused))
                .call(client -> clients.secretValues(client.clientId()).invoke(secrets -> {
                    boolean proven = secrets.isEmpty() ? presented.secret() == null
                            : ClientAuthenticator.secretMatches(secrets, presented.secret());
                    if (!proven) {
                        throw refused;
                    }
                }))
                .chain(client -> pools.requirePool(client.userPoolId())
                        .map(pool -> new OAuthClient(pool, client, presented.secret() != null)));
    }

    static Presented presented(String authorization, FormParameters form) {
        String formId = form.get("client_id");
        String formSecret = form.get("client_secret");
        if (authorization == null || authorization.isBlank()) {
            if (formId == null) {
                throw OAuthException.invalidClient("Client authentication failed: no client_id.", false);
            }
            return new Presented(formId, formSecret, false);
        }
        String[] scheme = authorization.trim().split(" +", 2);
        if (!scheme[0].toLowerCase(Locale.ROOT).equals("basic") || scheme.length < 2) {
            throw OAuthException.invalidClient("Client authentication failed: only HTTP Basic is accepted in Authorization.", true);
        }
        if (formSecret != null) {
            throw OAuthException.invalidRequest("The client must not use more than one authentication method.");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(scheme[1].trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("Client authentication failed: malformed Basic credentials.", true);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw OAuthException.invalidClient("Client authentication failed: malformed Basic credentials.", true);
        }
        String clientId = formUrlDecode(decoded.substring(0, colon));
        String secret = formUrlDecode(decoded.substring(colon + 1));
        if (formId != null && !formId.equals(clientId)) {
            throw OAuthException.invalidRequest("The client_id does not match the authenticated client.");
        }
        // A public client may send Basic with an empty secret; that proves nothing and claims nothing.
        return new Presented(clientId, secret.isEmpty() ? null : secret, true);
    }

    /** RFC 6749 §2.3.1: the id and the secret are each form-urlencoded before Basic encodes them. */
    private static String formUrlDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("Client authentication failed: malformed Basic credentials.", true);
        }
    }
}
