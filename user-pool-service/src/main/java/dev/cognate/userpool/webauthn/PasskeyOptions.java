package dev.cognate.userpool.webauthn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.WebAuthnCredential;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The options a browser passes to {@code navigator.credentials.create()} / {@code .get()}, in the JSON form of the WebAuthn
 * specification (binary members base64url) and the shape Cognito answers: StartWebAuthnRegistration's
 * {@code CredentialCreationOptions} and the WEB_AUTHN challenge's {@code CREDENTIAL_REQUEST_OPTIONS}.
 */
public final class PasskeyOptions {

    /** How long the browser waits for the authenticator, as Cognito: one minute. */
    public static final int TIMEOUT_MILLIS = 60_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PasskeyOptions() {
    }

    /**
     * PublicKeyCredentialCreationOptionsJSON: the RP (name = ID, as Cognito), the user (id = base64url of its {@code sub},
     * name and display name its username), ES256 and RS256, the user's passkeys excluded, a discoverable credential
     * required, user verification as the pool says.
     */
    public static ObjectNode creation(RelyingParty relyingParty, User user, String challenge, List<WebAuthnCredential> existing) {
        ObjectNode options = JSON.objectNode();
        options.putObject("authenticatorSelection").put("requireResidentKey", true).put("residentKey", "required")
                .put("userVerification", relyingParty.userVerification());
        options.put("challenge", challenge);
        options.set("excludeCredentials", descriptors(existing, false));
        ArrayNode algorithms = options.putArray("pubKeyCredParams");
        PasskeyVerifier.ALGORITHMS.forEach(parameters -> algorithms.addObject().put("alg", parameters.getAlg().getValue()).put("type", "public-key"));
        options.putObject("rp").put("id", relyingParty.id()).put("name", relyingParty.id());
        options.put("timeout", TIMEOUT_MILLIS);
        options.putObject("user").put("displayName", user.username())
                .put("id", Base64.getUrlEncoder().withoutPadding().encodeToString(userHandle(user)))
                .put("name", user.username());
        return options;
    }

    /** The WebAuthn user handle of {@code user}: the UTF-8 bytes of its {@code sub}, as Cognito makes it. */
    public static byte[] userHandle(User user) {
        return user.sub().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** PublicKeyCredentialRequestOptionsJSON: the challenge, the RP ID, the user's passkeys, user verification, the timeout. */
    public static ObjectNode request(RelyingParty relyingParty, String challenge, List<WebAuthnCredential> allowed) {
        ObjectNode options = JSON.objectNode();
        options.put("challenge", challenge);
        options.put("rpId", relyingParty.id());
        options.set("allowCredentials", descriptors(allowed, true));
        options.put("userVerification", relyingParty.userVerification());
        options.put("timeout", TIMEOUT_MILLIS);
        return options;
    }

    private static ArrayNode descriptors(List<WebAuthnCredential> credentials, boolean withTransports) {
        ArrayNode descriptors = JSON.arrayNode();
        for (WebAuthnCredential credential : credentials) {
            ObjectNode descriptor = descriptors.addObject().put("id", credential.credentialId()).put("type", "public-key");
            if (withTransports && !credential.transports().isEmpty()) {
                ArrayNode transports = descriptor.putArray("transports");
                credential.transports().forEach(transports::add);
            }
        }
        return descriptors;
    }
}
