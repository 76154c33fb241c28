package dev.cognate.userpool.webauthn;

import com.webauthn4j.data.client.Origin;
import com.webauthn4j.server.OriginPredicate;

import java.util.Set;

/**
 * A pool's WebAuthn relying party: its RP ID, whether user verification is {@code required} or {@code preferred}
 * ({@code WebAuthnConfiguration.UserVerification}), and the origins passkeys may be made and used from.
 *
 * <p>Allowed origins (Cognate's reading of Cognito's "the origin must align with the relying party id"): {@code https}
 * origins whose host is the RP ID or a subdomain of it (what a browser itself lets use the RP ID), any port; the origins
 * of the pool's hosted login domains, exactly (the local prefix-domain template is plain {@code http}); and, for the RP
 * ID {@code localhost}, {@code http://localhost} on any port (browsers treat it as a secure context).
 */
public record RelyingParty(String id, String userVerification, Set<String> hostedLoginOrigins) {

    public static final String REQUIRED = "required";

    public boolean userVerificationRequired() {
        return REQUIRED.equals(userVerification);
    }

    /** The origin check webauthn4j applies to {@code clientDataJSON.origin}. */
    public OriginPredicate origins() {
        return new OriginPredicate() {
            @Override
            public boolean test(Origin origin) {
                return allows(origin);
            }

            @Override
            public String toString() {
                return "https://" + id + " (or a subdomain) and " + hostedLoginOrigins;
            }
        };
    }

    boolean allows(Origin origin) {
        if (origin == null || origin.getHost() == null) {
            return false;
        }
        if (hostedLoginOrigins.stream().anyMatch(allowed -> Origin.create(allowed).equals(origin))) {
            return true;
        }
        String host = origin.getHost().toLowerCase(java.util.Locale.ROOT);
        boolean alignedHost = host.equals(id) || host.endsWith("." + id);
        if ("https".equals(origin.getScheme())) {
            return alignedHost;
        }
        return "http".equals(origin.getScheme()) && "localhost".equals(id) && alignedHost;
    }
}
