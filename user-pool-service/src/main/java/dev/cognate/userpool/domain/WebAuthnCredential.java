package dev.cognate.userpool.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user's passkey as stored ({@code webauthn_credentials}): its id (base64url), the attested credential data as
 * webauthn4j serialises it (AAGUID, credential id, COSE public key), the signature counter and the credential record's
 * flags, and what ListWebAuthnCredentials shows.
 */
public record WebAuthnCredential(String userPoolId, String credentialId, UUID sub, byte[] attestedCredentialData, long signCount,
                                 boolean uvInitialized, boolean backupEligible, boolean backedUp, List<String> transports,
                                 String authenticatorAttachment, String friendlyName, String relyingPartyId, Instant createdAt) {

    /** Cognito's limit of passkeys per user. */
    public static final int MAX_PER_USER = 20;

    /** The generated {@code FriendlyCredentialName}, after the kind of authenticator as Cognito names it. */
    public static String friendlyNameFor(String authenticatorAttachment) {
        if ("cross-platform".equals(authenticatorAttachment)) {
            return "Roaming passkey";
        }
        if ("platform".equals(authenticatorAttachment)) {
            return "Platform passkey";
        }
        return "Passkey";
    }
}
