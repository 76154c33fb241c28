package dev.cognate.userpool.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.metrics.AuthMetrics;
import dev.cognate.userpool.repository.DeviceRepository;
import dev.cognate.userpool.token.RefreshTokens;
import dev.cognate.userpool.token.TokenIssuer;
import dev.cognate.userpool.trigger.PostEventTriggers;
import dev.cognate.userpool.trigger.PreTokenGenerationTrigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What follows a verified first factor, for the JSON API and the hosted login alike: a second factor Cognate cannot
 * ask is refused ({@link MfaChallenges}, {@link UnsupportedMfaGuard}) before anything changes; then the next challenge
 * (NEW_PASSWORD_REQUIRED for a temporary password — the MFA step follows the new password —, else SOFTWARE_TOKEN_MFA or
 * MFA_SETUP; DEVICE_SRP_AUTH instead of the code for a remembered device, see {@link RememberedDevices}), or the end — for
 * the API the PreTokenGeneration trigger first (its failure leaves nothing recorded), then
 * the lockout counter reset, the {@code SignIn} authentication event and the {@code signed_in} event committed together
 * with a new refresh-token family (bound to the sign-in's device where the pool tracks devices), then the ID and access
 * tokens signed; the hosted login ends with the user signed in,
 * its tokens come later from the authorization code ({@link AuthContext#hostedLogin()}).
 */
@ApplicationScoped
public class SignInCompletion {

    public static final String NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool db;
    private final AuthSessionStore sessions;
    private final RefreshTokens refreshTokens;
    private final TokenIssuer issuer;
    private final SignInAudit audit;
    private final MfaChallenges mfa;
    private final Clock clock;
    private final AuthMetrics metrics;
    private final PostEventTriggers postEvents;
    private final RememberedDevices devices;

    public SignInCompletion(Pool db, AuthSessionStore sessions, RefreshTokens refreshTokens, TokenIssuer issuer, SignInAudit audit,
                            MfaChallenges mfa, Clock clock, AuthMetrics metrics, PostEventTriggers postEvents, RememberedDevices devices) {
        this.devices = devices;
        this.postEvents = postEvents;
        this.metrics = metrics;
        this.mfa = mfa;
        this.clock = clock;
        this.db = db;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.audit = audit;
    }

    /**
     * A sign-in committed but not yet minted: the user as signed in, its refresh-token family and the refresh token
     * (both null for the hosted login, which opens no family here), and the synchronous PostAuthentication call still to
     * make before any token ({@link PostEventTriggers.Pending#NONE} when durable or none), and the device the sign-in is on
     * (null without device tracking, see {@link RememberedDevices}).
     */
    public record Opened(User user, UUID family, String refreshToken, Instant authTime, PostEventTriggers.Pending postAuthentication,
                         DeviceRepository.FamilyDevice device) {
    }

    /** A committed sign-in and its tokens, prepared (the PreTokenGeneration trigger run) before the commit; null for the hosted login. */
    public record Finished(Opened opened, TokenIssuer.Prepared tokens) {
    }

    public Uni<AuthResponse> afterFirstFactor(AuthContext context, User user) {
        return mfa.next(context, user).chain(step -> {
            if (user.status() == UserStatus.FORCE_CHANGE_PASSWORD) {
                return newPasswordRequired(context, user);
            }
            if (step.isPresent()) {
                // a remembered device stands in for the second factor (DEVICE_SRP_AUTH) where the pool allows it
                return devices.insteadOfMfa(context, user, step.get())
                        .chain(byDevice -> byDevice.isPresent() ? Uni.createFrom().item(byDevice.get()) : mfa.challenge(context, user, step.get()));
            }
            return finish(context, user);
        });
    }

    /**
     * The end of a sign-in whose every factor was verified, one of them the user's password: recorded, then tokens (or the
     * hosted login's signed-in user).
     */
    public Uni<AuthResponse> finish(AuthContext context, User user) {
        return finish(context, user, PreTokenGenerationTrigger.Source.AUTHENTICATION);
    }

    /**
     * As {@link #finish(AuthContext, User)} for a sign-in that checked no password — a passkey, a one-time code as first
     * factor, custom challenges alone: its {@code SignIn} authentication event names no {@code Password} outcome.
     */
    public Uni<AuthResponse> finishWithoutPassword(AuthContext context, User user) {
        return finish(context, user, PreTokenGenerationTrigger.Source.AUTHENTICATION, SignInAudit.Proof.NO_PASSWORD);
    }

    /** As {@link #finish(AuthContext, User)} after a right MFA code: its event reports {@code Password} and {@code Mfa}. */
    public Uni<AuthResponse> finishAfterMfa(AuthContext context, User user) {
        return finish(context, user, PreTokenGenerationTrigger.Source.AUTHENTICATION, SignInAudit.Proof.PASSWORD_AND_MFA);
    }

    /** As {@link #finish(AuthContext, User)}, the PreTokenGeneration trigger run as {@code source} (a remembered device's sign-in). */
    public Uni<AuthResponse> finish(AuthContext context, User user, PreTokenGenerationTrigger.Source source) {
        return finish(context, user, source, SignInAudit.Proof.PASSWORD);
    }

    private Uni<AuthResponse> finish(AuthContext context, User user, PreTokenGenerationTrigger.Source source, SignInAudit.Proof proof) {
        Instant authTime = clock.instant();
        // the trigger first: a failing PreTokenGeneration function leaves no sign-in, no family and no event behind
        return prepareTokens(context, user, authTime, source)
                .chain(prepared -> db.withTransaction(tx -> signedIn(tx, context, user, authTime, proof))
                        .chain(opened -> tokens(context, new Finished(opened, prepared))));
    }

    /**
     * The PreTokenGeneration trigger for the tokens this sign-in will end with, run before anything is committed; null
     * (nothing run) for the hosted login, whose tokens come later from the authorization code.
     */
    public Uni<TokenIssuer.Prepared> prepareTokens(AuthContext context, User user, Instant authTime, PreTokenGenerationTrigger.Source source) {
        if (context.hostedLogin()) {
            return Uni.createFrom().nullItem();
        }
        return issuer.prepare(context.client(), user, authTime, TokenIssuer.Authorization.API, source, context.clientMetadata());
    }

    /**
     * In {@code tx}: the lockout reset, a refresh-token family opened and the {@code signed_in} event written. Callers
     * that change the user first (a new password) pass their transaction, and call {@link #tokens} once it committed.
     */
    public Uni<Opened> signedIn(SqlClient tx, AuthContext context, User user, Instant authTime) {
        return signedIn(tx, context, user, authTime, SignInAudit.Proof.PASSWORD);
    }

    private Uni<Opened> signedIn(SqlClient tx, AuthContext context, User user, Instant authTime, SignInAudit.Proof proof) {
        if (context.hostedLogin()) {
            return recordSignIn(tx, context, user, false, proof).map(postAuthentication -> new Opened(user, null, null, authTime, postAuthentication, null));
        }
        UUID family = UUID.randomUUID();
        return devices.atSignIn(tx, context, user).chain(device -> recordSignIn(tx, context, user, device != null && device.newDevice(), proof)
                .chain(postAuthentication -> refreshTokens.openFamily(tx, context.client(), user.sub(), family, authTime, clock.instant())
                        .call(() -> devices.bind(tx, family, device))
                        .map(refresh -> new Opened(user, family, refresh, authTime, postAuthentication, device))));
    }

    /**
     * In {@code tx}: what every successful sign-in records, with or without tokens — the lockout reset, the {@code SignIn}
     * authentication event, the {@code signed_in} event and the PostAuthentication trigger (durable: its event; synchronous:
     * the call returned, made before any token is minted).
     */
    private Uni<PostEventTriggers.Pending> recordSignIn(SqlClient tx, AuthContext context, User user, boolean newDeviceUsed,
                                                        SignInAudit.Proof proof) {
        return audit.succeeded(tx, context, user, proof)
                .chain(() -> UserPoolEventOutbox.publishForUser(tx, user.userPoolId(), user.sub(), UserPoolEvents.USER_SIGNED_IN,
                        new UserPoolEvents.SignedIn(user.userPoolId(), user.sub().toString(), user.username(), context.client().clientId(),
                                context.authFlow())))
                .chain(() -> postEvents.authenticated(tx, context.pool(), user, context.client().clientId(),
                        context.clientMetadata(), newDeviceUsed));
    }

    /** The pool's required attributes the user lacks (without the {@code userAttributes.} prefix of the challenge). */
    static List<String> missingRequiredAttributes(AuthContext context, User user) {
        return PoolSchema.of(context.pool().settings()).required().stream()
                .map(AttributeDefinition::name)
                .filter(name -> user.attribute(name) == null)
                .toList();
    }

    /** The ID and access tokens of a committed sign-in, minted only after its family exists; the hosted login's signed-in user. */
    public Uni<AuthResponse> tokens(AuthContext context, Finished finished) {
        // A synchronous PostAuthentication that fails (UserLambdaValidationException, ...) fails the sign-in: no tokens,
        // as Cognito. The refresh-token family already opened stays unused: its token was never returned.
        return postEvents.runSynchronously(finished.opened().postAuthentication()).chain(() -> signedOrMinted(context, finished));
    }

    private Uni<AuthResponse> signedOrMinted(AuthContext context, Finished finished) {
        Opened opened = finished.opened();
        if (context.hostedLogin()) {
            return Uni.createFrom().item(AuthResponse.signedIn(opened.user(), opened.authTime()));
        }
        String deviceKey = opened.device() == null ? null : opened.device().deviceKey();
        return issuer.sign(finished.tokens(), opened.family(), deviceKey)
                .invoke(() -> metrics.tokensIssued(context.authFlow()))
                .map(minted -> AuthResponse.tokens(minted, opened.refreshToken(), RememberedDevices.newDeviceMetadata(opened.device())));
    }

    private Uni<AuthResponse> newPasswordRequired(AuthContext context, User user) {
        ObjectNode attributes = JSON.createObjectNode();
        user.attributes().forEach(attributes::put);
        List<String> missing = missingRequiredAttributes(context, user).stream().map(name -> "userAttributes." + name).toList();
        AuthSession session = new AuthSession(user.userPoolId(), context.client().clientId(), user.sub(), user.username(),
                context.authFlow(), NEW_PASSWORD_REQUIRED, clock.instant().getEpochSecond(), Map.of());
        return sessions.create(context.client(), session).map(id -> {
            try {
                return AuthResponse.challenge(NEW_PASSWORD_REQUIRED, id, Map.of(
                        "USER_ID_FOR_SRP", user.username(),
                        "userAttributes", JSON.writeValueAsString(attributes),
                        "requiredAttributes", JSON.writeValueAsString(missing)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
