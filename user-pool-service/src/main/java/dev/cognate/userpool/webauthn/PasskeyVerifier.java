package dev.cognate.userpool.webauthn;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.cognate.awsprotocol.CognitoException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies passkey registrations (attestations) and sign-ins (assertions) with webauthn4j: the client data's type,
 * challenge and origin, the RP ID hash, user presence, user verification when the pool requires it, the algorithm
 * (ES256 or RS256, as offered), the attestation statement's format ("none" and packed self/basic attestation are taken
 * without trust-path checks, like Cognito, which asks for no attestation), the assertion's signature and its signature
 * counter. Nothing of CBOR, COSE or the signature maths is done here. Failures become Cognito's WebAuthn exceptions.
 */
@ApplicationScoped
public class PasskeyVerifier {

    /** What a verified registration stores. */
    public record Registered(String credentialId, byte[] attestedCredentialData, long signCount, boolean uvInitialized,
                             boolean backupEligible, boolean backedUp, List<String> transports, String authenticatorAttachment) {
    }

    /** A stored credential, as an assertion is checked against it. */
    public record Stored(byte[] attestedCredentialData, long signCount, boolean uvInitialized, boolean backupEligible, boolean backedUp) {
    }

    /** A verified assertion: the credential's new counter and backup state. */
    public record Asserted(long signCount, boolean backedUp, boolean userVerified) {
    }

    public static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final AttestedCredentialDataConverter attestedData = new AttestedCredentialDataConverter(converter);

    /** Checks a RegistrationResponseJSON against the challenge StartWebAuthnRegistration issued. */
    public Registered verifyRegistration(JsonNode credential, RelyingParty relyingParty, byte[] challenge) {
        RegistrationData data;
        try {
            data = manager.parseRegistrationResponseJSON(credential.toString());
        } catch (RuntimeException e) {
            throw malformed("Credential");
        }
        if (data.getAttestationObject() == null || data.getCollectedClientData() == null
                || data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData() == null) {
            throw malformed("Credential");
        }
        try {
            manager.verify(data, new RegistrationParameters(server(relyingParty, challenge), ALGORITHMS,
                    relyingParty.userVerificationRequired(), true));
        } catch (VerificationException e) {
            throw refused(e);
        }
        AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
        Set<String> transports = new TreeSet<>();
        if (data.getTransports() != null) {
            data.getTransports().stream().map(AuthenticatorTransport::getValue).forEach(transports::add);
        }
        String attachment = credential.path("authenticatorAttachment").isTextual() ? credential.path("authenticatorAttachment").asText() : null;
        return new Registered(BASE64URL.encodeToString(attested.getCredentialId()), attestedData.convert(attested),
                authenticatorData.getSignCount(), authenticatorData.isFlagUV(), authenticatorData.isFlagBE(), authenticatorData.isFlagBS(),
                List.copyOf(transports), "platform".equals(attachment) || "cross-platform".equals(attachment) ? attachment : null);
    }

    /** The base64url credential id an AuthenticationResponseJSON names (its {@code rawId}), before anything is verified. */
    public String credentialIdOf(String assertionJson) {
        AuthenticationData data = parseAssertion(assertionJson);
        return BASE64URL.encodeToString(data.getCredentialId());
    }

    /**
     * Checks an AuthenticationResponseJSON against the challenge of the sign-in and the stored credential of the user whose
     * user handle is {@code userHandle} (a {@code response.userHandle}, when the authenticator sends one, must be it).
     */
    public Asserted verifyAssertion(String assertionJson, RelyingParty relyingParty, byte[] challenge, Stored stored, byte[] userHandle) {
        AuthenticationData data = parseAssertion(assertionJson);
        if (data.getUserHandle() != null && data.getUserHandle().length > 0 && !java.util.Arrays.equals(data.getUserHandle(), userHandle)) {
            throw new AssertionRefused("passkey_of_another_user");
        }
        AttestedCredentialData attested = attestedData.convert(stored.attestedCredentialData());
        CredentialRecordImpl record = new CredentialRecordImpl(null, stored.uvInitialized(), stored.backupEligible(), stored.backedUp(),
                stored.signCount(), attested, null, null, null, null);
        try {
            manager.verify(data, new AuthenticationParameters(server(relyingParty, challenge), record,
                    List.of(attested.getCredentialId()), relyingParty.userVerificationRequired(), true));
        } catch (MaliciousCounterValueException e) {
            throw new AssertionRefused("passkey_counter_not_increased");
        } catch (VerificationException e) {
            throw new AssertionRefused(e instanceof UserNotVerifiedException ? "passkey_user_not_verified" : "wrong_passkey");
        }
        AuthenticatorData<?> authenticatorData = data.getAuthenticatorData();
        return new Asserted(authenticatorData.getSignCount(), authenticatorData.isFlagBS(), authenticatorData.isFlagUV());
    }

    private AuthenticationData parseAssertion(String assertionJson) {
        AuthenticationData data;
        try {
            data = manager.parseAuthenticationResponseJSON(assertionJson);
        } catch (RuntimeException e) {
            throw malformed("CREDENTIAL");
        }
        if (data.getCredentialId() == null || data.getAuthenticatorData() == null || data.getCollectedClientData() == null
                || data.getSignature() == null) {
            throw malformed("CREDENTIAL");
        }
        return data;
    }

    private static ServerProperty server(RelyingParty relyingParty, byte[] challenge) {
        return ServerProperty.builder().originPredicate(relyingParty.origins()).rpId(relyingParty.id())
                .challenge(new DefaultChallenge(challenge)).build();
    }

    static CognitoException malformed(String member) {
        return CognitoException.invalidParameter(member + " is not a valid WebAuthn public-key credential response (JSON).");
    }

    /** Cognito's exception for a refused registration. */
    static CognitoException refused(VerificationException failure) {
        if (failure instanceof BadOriginException) {
            return new CognitoException("WebAuthnOriginNotAllowedException",
                    "The passkey credential's origin is not allowed for this user pool's relying party.");
        }
        if (failure instanceof BadRpIdException) {
            return new CognitoException("WebAuthnRelyingPartyMismatchException",
                    "The passkey credential is for a different relying party ID than this user pool's.");
        }
        if (failure instanceof BadChallengeException || failure instanceof MissingChallengeException) {
            return new CognitoException("WebAuthnChallengeNotFoundException",
                    "The passkey credential does not answer the current challenge; request a new one.");
        }
        if (failure instanceof UserNotVerifiedException || failure instanceof NotAllowedAlgorithmException
                || failure instanceof BadAlgorithmException || failure instanceof BadAttestationStatementException) {
            return new CognitoException("WebAuthnCredentialNotSupportedException",
                    "The passkey credential is not supported: " + reason(failure));
        }
        return CognitoException.invalidParameter("The passkey credential was refused: " + reason(failure));
    }

    private static String reason(VerificationException failure) {
        return failure instanceof UserNotVerifiedException ? "the user pool requires user verification and the authenticator did not verify the user."
                : failure instanceof NotAllowedAlgorithmException || failure instanceof BadAlgorithmException ? "its algorithm is neither ES256 nor RS256."
                : failure instanceof BadAttestationStatementException ? "its attestation statement is invalid."
                : failure.getClass().getSimpleName().replace("Exception", "") + ".";
    }

    /**
     * A sign-in assertion that does not verify (a forged signature, another origin or RP ID, a stale challenge, user
     * verification missing where required, a counter that did not grow): RespondToAuthChallenge knows no WebAuthn
     * exceptions, so the sign-in refuses it like a wrong password; {@code reason} is the audit reason recorded.
     */
    public static final class AssertionRefused extends RuntimeException {

        private final String reason;

        AssertionRefused(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
