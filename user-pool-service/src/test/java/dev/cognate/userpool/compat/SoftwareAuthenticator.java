package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A passkey authenticator in test code: an EC P-256 key made here, a "none" attestation and assertions signed with
 * SHA256withECDSA, its structures (authenticator data, attestation object, COSE key) built with webauthn4j's data
 * classes and CBOR converters, and the browser's JSON (RegistrationResponseJSON, AuthenticationResponseJSON) around them.
 * Each ceremony's origin, RP ID, counter and flags can be set to what a misbehaving client or a clone would send.
 */
final class SoftwareAuthenticator {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    final KeyPair keys;
    final byte[] credentialId = new byte[32];
    String origin;
    String rpId;
    long counter;
    boolean userVerified = true;
    String attachment = "platform";

    SoftwareAuthenticator(String origin, String rpId) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        this.keys = generator.generateKeyPair();
        new SecureRandom().nextBytes(credentialId);
        this.origin = origin;
        this.rpId = rpId;
    }

    String credentialId() {
        return B64URL.encodeToString(credentialId);
    }

    /** navigator.credentials.create() answering {@code options} (CredentialCreationOptions), as RegistrationResponseJSON. */
    ObjectNode register(JsonNode options) throws Exception {
        byte[] clientData = clientData("webauthn.create", options.path("challenge").asText());
        AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<?> authenticatorData = new AuthenticatorData<>(rpIdHash(),
                (byte) (flags() | AuthenticatorData.BIT_AT), counter, attested);
        @SuppressWarnings({"unchecked", "rawtypes"})
        AttestationObject attestation = new AttestationObject((AuthenticatorData) authenticatorData, new NoneAttestationStatement());
        byte[] attestationObject = new AttestationObjectConverter(CONVERTER).convertToBytes(attestation);
        ObjectNode credential = JSON.createObjectNode().put("id", credentialId()).put("rawId", credentialId()).put("type", "public-key");
        ObjectNode response = credential.putObject("response");
        response.put("clientDataJSON", B64URL.encodeToString(clientData)).put("attestationObject", B64URL.encodeToString(attestationObject));
        response.putArray("transports").add("internal").add("hybrid");
        credential.put("authenticatorAttachment", attachment);
        credential.putObject("clientExtensionResults");
        return credential;
    }

    /** navigator.credentials.get() answering {@code options} (CREDENTIAL_REQUEST_OPTIONS), as AuthenticationResponseJSON. */
    ObjectNode assertion(JsonNode options, byte[] userHandle) throws Exception {
        counter++;
        return assertionAt(options.path("challenge").asText(), counter, userHandle);
    }

    /** An assertion for {@code challenge} with the counter {@code signCount}, signed by this authenticator's key. */
    ObjectNode assertionAt(String challenge, long signCount, byte[] userHandle) throws Exception {
        byte[] clientData = clientData("webauthn.get", challenge);
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(new AuthenticatorData<>(rpIdHash(), flags(), signCount));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(authenticatorData);
        signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
        byte[] signature = signer.sign();
        ObjectNode credential = JSON.createObjectNode().put("id", credentialId()).put("rawId", credentialId()).put("type", "public-key");
        ObjectNode response = credential.putObject("response");
        response.put("clientDataJSON", B64URL.encodeToString(clientData))
                .put("authenticatorData", B64URL.encodeToString(authenticatorData))
                .put("signature", B64URL.encodeToString(signature));
        if (userHandle != null) {
            response.put("userHandle", B64URL.encodeToString(userHandle));
        }
        credential.put("authenticatorAttachment", attachment);
        credential.putObject("clientExtensionResults");
        return credential;
    }

    private byte flags() {
        return (byte) (AuthenticatorData.BIT_UP | (userVerified ? AuthenticatorData.BIT_UV : 0));
    }

    private byte[] rpIdHash() throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] clientData(String type, String challenge) throws Exception {
        ObjectNode data = JSON.createObjectNode().put("type", type).put("challenge", challenge).put("origin", origin).put("crossOrigin", false);
        return JSON.writeValueAsBytes(data);
    }

    static byte[] userHandle(String sub) {
        return sub.getBytes(StandardCharsets.UTF_8);
    }
}
