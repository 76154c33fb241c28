package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.AuthEvent;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.repository.AuthEventRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.NewPassword;
import dev.cognate.userpool.service.UserPasswords;
import dev.cognate.userpool.trigger.PreTokenGenerationTrigger;
import dev.cognate.userpool.validation.UserAttributeRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code NEW_PASSWORD_REQUIRED}: a user with a temporary password answers NEW_PASSWORD (checked against the pool's
 * policy) and any {@code userAttributes.*} (required attributes it lacks among them); the password write path
 * ({@link UserPasswords}) makes the user CONFIRMED with the new hash, SRP verifier and history entry, a
 * {@code PasswordChange} authentication event is recorded, and it is signed in — all in one transaction.
 */
@ApplicationScoped
public class NewPasswordRequiredChallenge implements ChallengeHandler {

    private static final String ATTRIBUTE_PREFIX = "userAttributes.";

    private final Pool db;
    private final UserRepository users;
    private final UserPasswords passwords;
    private final SignInCompletion completion;
    private final AuthEventRepository authEvents;
    private final MfaChallenges mfa;
    private final Clock clock;

    public NewPasswordRequiredChallenge(Pool db, UserRepository users, UserPasswords passwords, SignInCompletion completion,
                                        AuthEventRepository authEvents, MfaChallenges mfa, Clock clock) {
        this.mfa = mfa;
        this.authEvents = authEvents;
        this.db = db;
        this.users = users;
        this.passwords = passwords;
        this.completion = completion;
        this.clock = clock;
    }

    @Override
    public String challengeName() {
        return SignInCompletion.NEW_PASSWORD_REQUIRED;
    }

    /**
     * Refused before anything changes when the user would now need a second factor Cognate cannot ask (the pool's MFA
     * changed since the first step); then, in one transaction, the password changed and — without a second factor — the
     * sign-in ended, with tokens for the API, the signed-in user for the hosted login ({@link SignInCompletion}). With a
     * second factor the new password is kept and its challenge (SOFTWARE_TOKEN_MFA or MFA_SETUP) follows, as in Cognito.
     */
    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        return users.findBySub(db, context.pool().id(), session.sub(), false)
                .chain(found -> found.isPresent() ? mfa.next(context, found.get()) : Uni.createFrom().item(Optional.<String>empty()))
                .chain(step -> {
                    if (step.isEmpty()) {
                        // the trigger runs in the password change's transaction, on the user as changed: its failure
                        // rolls the new password back (the row stays locked for at most the function's timeout)
                        return changePassword(context, session, (tx, saved) -> completion.prepareTokens(context, saved, saved.passwordChangedAt(),
                                        PreTokenGenerationTrigger.Source.NEW_PASSWORD_CHALLENGE)
                                .chain(prepared -> completion.signedIn(tx, context, saved, saved.passwordChangedAt())
                                        .map(opened -> new SignInCompletion.Finished(opened, prepared))))
                                .chain(finished -> completion.tokens(context, finished));
                    }
                    return changePassword(context, session, (tx, saved) -> Uni.createFrom().item(saved))
                            .chain(saved -> mfa.challenge(context, saved, step.get()));
                });
    }

    /**
     * NEW_PASSWORD and the {@code userAttributes.*} of {@code context}'s parameters checked and saved for the session's
     * user, and {@code then} (the sign-in recorded, or nothing more) — all in one transaction.
     */
    private <T> Uni<T> changePassword(AuthContext context, AuthSession session, BiFunction<SqlClient, User, Uni<T>> then) {
        String newPassword = AuthParameters.require(context, "NEW_PASSWORD");
        Uni<NewPassword> prepared = passwords.prepare(context.pool(), newPassword, UserPasswords.Reason.NEW_PASSWORD_CHALLENGE);
        Map<String, String> changes = new LinkedHashMap<>();
        context.parameters().forEach((name, value) -> {
            if (name.startsWith(ATTRIBUTE_PREFIX)) {
                changes.put(name.substring(ATTRIBUTE_PREFIX.length()), value);
            }
        });
        return prepared.chain(password -> db.withTransaction(tx -> users.findBySub(tx, context.pool().id(), session.sub(), true)
                .chain(found -> {
                    User user = found.filter(candidate -> candidate.status() == UserStatus.FORCE_CHANGE_PASSWORD)
                            .orElseThrow(AuthSessionStore::expired);
                    PoolSchema schema = PoolSchema.of(context.pool().settings());
                    Map<String, String> attributes = changes.isEmpty() ? user.attributes()
                            : new UserAttributeRules(schema).forUpdate(user.attributes(), changes);
                    List<String> missing = new ArrayList<>();
                    schema.required().stream().map(AttributeDefinition::name)
                            .filter(name -> !"sub".equals(name) && attributes.get(name) == null).forEach(missing::add);
                    if (!missing.isEmpty()) {
                        throw CognitoException.invalidParameter("Invalid attributes given, " + missing.get(0) + " is missing");
                    }
                    User changed = user.withAttributes(attributes, user.lastModifiedDate());
                    return passwords.set(tx, context.pool(), changed, password, UserPasswords.Reason.NEW_PASSWORD_CHALLENGE,
                                    List.copyOf(changes.keySet()))
                            .call(saved -> authEvents.insert(tx, AuthEvent.at(clock.instant(), saved.userPoolId(), saved.sub(), AuthEvent.PASSWORD_CHANGE, true,
                                    null, null, context.client().clientId(), context.authFlow(), context.sourceIp())))
                            .chain(saved -> then.apply(tx, saved));
                })));
    }
}
