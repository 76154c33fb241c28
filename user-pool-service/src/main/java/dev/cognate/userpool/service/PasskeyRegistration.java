package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.WebAuthnCredential;
import dev.cognate.userpool.repository.WebAuthnCredentialRepository;
import dev.cognate.userpool.token.AccessTokenVerifier.VerifiedAccessToken;
import dev.cognate.userpool.webauthn.PasskeyOptions;
import dev.cognate.userpool.webauthn.PasskeyVerifier;
import dev.cognate.userpool.webauthn.RegistrationChallenges;
import dev.cognate.userpool.webauthn.RelyingParties;
import dev.cognate.userpool.webauthn.RelyingParty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in user's passkeys: StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials and
 * DeleteWebAuthnCredential. Registration needs passkeys on in the pool ({@code WEB_AUTHN} among its first factors) and a
 * relying party ({@link RelyingParties}); the challenge is single use ({@link RegistrationChallenges}) and bound to the app
 * client of the access token that started it; the credential is verified by {@link PasskeyVerifier}, then stored with the
 * user's row locked, so that concurrent registrations cannot pass {@link WebAuthnCredential#MAX_PER_USER}. A registered or
 * deleted passkey publishes {@code user.mfa.updated} (the user's sign-in factors changed) in the same transaction.
 */
@ApplicationScoped
public class PasskeyRegistration {

    /** A page of ListWebAuthnCredentials; {@code nextToken} null on the last one. */
    public record Page(List<WebAuthnCredential> credentials, String nextToken) {
    }

    private final Pool db;
    private final SignedInUsers signedIn;
    private final RelyingParties relyingParties;
    private final RegistrationChallenges challenges;
    private final PasskeyVerifier verifier;
    private final WebAuthnCredentialRepository credentials;
    private final Clock clock;

    public PasskeyRegistration(Pool db, SignedInUsers signedIn, RelyingParties relyingParties, RegistrationChallenges challenges,
                               PasskeyVerifier verifier, WebAuthnCredentialRepository credentials, Clock clock) {
        this.db = db;
        this.signedIn = signedIn;
        this.relyingParties = relyingParties;
        this.challenges = challenges;
        this.verifier = verifier;
        this.credentials = credentials;
        this.clock = clock;
    }

    static CognitoException limitExceeded() {
        return new CognitoException("LimitExceededException",
                "The user already has " + WebAuthnCredential.MAX_PER_USER + " passkeys, the most a user can register.");
    }

    /** The user a registration is for: who signed in, to which pool and app client (an access token's, or a hosted session's). */
    public record Registrant(String userPoolId, String clientId, UUID sub) {

        static Registrant of(VerifiedAccessToken token) {
            return new Registrant(token.userPoolId(), token.clientId(), token.sub());
        }
    }

    /** StartWebAuthnRegistration: a new challenge and the options to create a passkey with. */
    public Uni<ObjectNode> start(String accessToken) {
        return signedIn.verify(accessToken).chain(token -> start(Registrant.of(token)));
    }

    /**
     * StartWebAuthnRegistration for a user signed in to the hosted login ({@code /passkeys/add}); the same rules, the
     * challenge bound to the hosted session's app client.
     */
    public Uni<ObjectNode> start(Registrant registrant) {
        return signedIn.require(db, registrant.userPoolId(), registrant.clientId(), registrant.sub(), false).chain(caller -> {
            RelyingParties.requireEnabled(caller.pool());
            return relyingParties.of(caller.pool()).chain(relyingParty -> credentials
                    .ofUser(db, caller.pool().id(), caller.user().sub(), null, WebAuthnCredential.MAX_PER_USER)
                    .chain(existing -> {
                        if (existing.size() >= WebAuthnCredential.MAX_PER_USER) {
                            throw limitExceeded();
                        }
                        return challenges.start(caller.pool().id(), caller.user().sub(), caller.client().clientId())
                                .map(pending -> PasskeyOptions.creation(relyingParty, caller.user(), pending.challenge(), existing));
                    }));
        });
    }

    /** CompleteWebAuthnRegistration: the browser's RegistrationResponseJSON, verified against the pending challenge, stored. */
    public Uni<Void> complete(String accessToken, JsonNode credential) {
        requireObject(credential);
        return signedIn.verify(accessToken).chain(token -> complete(Registrant.of(token), credential));
    }

    /** CompleteWebAuthnRegistration for a user signed in to the hosted login ({@code /passkeys/add}). */
    public Uni<Void> complete(Registrant registrant, JsonNode credential) {
        requireObject(credential);
        return signedIn.require(db, registrant.userPoolId(), registrant.clientId(), registrant.sub(), false).chain(caller -> {
            RelyingParties.requireEnabled(caller.pool());
            return relyingParties.of(caller.pool()).chain(relyingParty -> challenges.take(caller.pool().id(), caller.user().sub())
                    .chain(pending -> {
                        if (!pending.clientId().equals(caller.client().clientId())) {
                            throw new CognitoException("WebAuthnClientMismatchException",
                                    "The access token is for a different app client than the one that started this passkey registration.");
                        }
                        PasskeyVerifier.Registered registered = verifier.verifyRegistration(credential, relyingParty, pending.challengeBytes());
                        return store(registrant, relyingParty, registered);
                    }));
        });
    }

    private static void requireObject(JsonNode credential) {
        if (credential == null || !credential.isObject()) {
            throw CognitoException.invalidParameter("Credential must be a RegistrationResponseJSON object.");
        }
    }

    private Uni<Void> store(Registrant registrant, RelyingParty relyingParty, PasskeyVerifier.Registered registered) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return db.withTransaction(tx -> signedIn.require(tx, registrant.userPoolId(), registrant.clientId(), registrant.sub(), true)
                .chain(caller -> credentials.count(tx, caller.pool().id(), caller.user().sub())
                .chain(count -> {
                    if (count >= WebAuthnCredential.MAX_PER_USER) {
                        throw limitExceeded();
                    }
                    return credentials.insert(tx, new WebAuthnCredential(caller.pool().id(), registered.credentialId(), caller.user().sub(),
                            registered.attestedCredentialData(), registered.signCount(), registered.uvInitialized(), registered.backupEligible(),
                            registered.backedUp(), registered.transports(), registered.authenticatorAttachment(),
                            WebAuthnCredential.friendlyNameFor(registered.authenticatorAttachment()), relyingParty.id(), now));
                })
                .invoke(inserted -> {
                    if (!inserted) {
                        throw CognitoException.invalidParameter("This passkey is already registered.");
                    }
                })
                .chain(() -> UserStore.publish(tx, caller.user(), UserPoolEvents.USER_MFA_UPDATED, List.of()))));
    }

    /** ListWebAuthnCredentials: the user's passkeys in registration order, {@code maxResults} (1–20) a page. */
    public Uni<Page> list(String accessToken, int maxResults, String nextToken) {
        Cursor after = nextToken == null ? null : Cursor.decode(nextToken);
        return signedIn.verify(accessToken).chain(token -> signedIn.require(db, token, false)).chain(caller -> credentials
                .ofUser(db, caller.pool().id(), caller.user().sub(), after == null ? null : after.asBound(), maxResults + 1)
                .map(found -> found.size() <= maxResults ? new Page(found, null)
                        : new Page(found.subList(0, maxResults), Cursor.of(found.get(maxResults - 1)).encode())));
    }

    /** DeleteWebAuthnCredential: one of the user's passkeys; another user's or an unknown id → ResourceNotFoundException. */
    public Uni<Void> delete(String accessToken, String credentialId) {
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true)
                .chain(caller -> credentials.delete(tx, caller.pool().id(), caller.user().sub(), credentialId)
                        .chain(deleted -> {
                            if (!deleted) {
                                throw CognitoException.resourceNotFound("No passkey with this CredentialId is registered for the user.");
                            }
                            return UserStore.publish(tx, caller.user(), UserPoolEvents.USER_MFA_UPDATED, List.of());
                        }))));
    }

    /** The opaque NextToken: where the previous page ended (registration time and credential id). */
    private record Cursor(long createdAtMillis, String credentialId) {

        static Cursor of(WebAuthnCredential last) {
            return new Cursor(last.createdAt().toEpochMilli(), last.credentialId());
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAtMillis + ":" + credentialId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return new Cursor(Long.parseLong(decoded.substring(0, colon)), decoded.substring(colon + 1));
            } catch (RuntimeException e) {
                throw CognitoException.invalidParameter("Invalid NextToken.");
            }
        }

        WebAuthnCredential asBound() {
            return new WebAuthnCredential(null, credentialId, null, null, 0, false, false, false, List.of(), null, null, null,
                    Instant.ofEpochMilli(createdAtMillis));
        }
    }
}
