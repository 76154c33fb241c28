package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.AuthEvent;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserAttributeRules;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.password.PasswordHashing;
import dev.cognate.userpool.password.PasswordPolicy;
import dev.cognate.userpool.password.SrpVerifierStore;
import dev.cognate.userpool.repository.AuthEventRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.UserStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code NEW_PASSWORD_REQUIRED}: a user with a temporary password answers NEW_PASSWORD (checked against the pool's
 * policy) and any {@code userAttributes.*} (required attributes it lacks among them); the user becomes CONFIRMED, its
 * Argon2id hash and SRP verifier are replaced, a {@code PasswordChange} authentication event is recorded, and it is
 * signed in — all in one transaction.
 */
@ApplicationScoped
public class NewPasswordRequiredChallenge implements ChallengeHandler {

    private static final String ATTRIBUTE_PREFIX = "userAttributes.";

    private final Pool db;
    private final UserRepository users;
    private final UserStore store;
    private final PasswordHashing hashing;
    private final SrpVerifierStore srpVerifiers;
    private final SignInCompletion completion;
    private final AuthEventRepository authEvents;
    private final UnsupportedMfaGuard mfa;
    private final Clock clock;

    public NewPasswordRequiredChallenge(Pool db, UserRepository users, UserStore store, PasswordHashing hashing,
                                        SrpVerifierStore srpVerifiers, SignInCompletion completion, AuthEventRepository authEvents,
                                        UnsupportedMfaGuard mfa, Clock clock) {
        this.mfa = mfa;
        this.clock = clock;
        this.authEvents = authEvents;
        this.db = db;
        this.users = users;
        this.store = store;
        this.hashing = hashing;
        this.srpVerifiers = srpVerifiers;
        this.completion = completion;
    }

    @Override
    public String challengeName() {
        return SignInCompletion.NEW_PASSWORD_REQUIRED;
    }

    /**
     * Refused before anything changes when the user would now need a second factor (the pool's MFA changed since the
     * first step); then the password changed and the sign-in ended in one transaction — with tokens for the API, the
     * signed-in user for the hosted login ({@link SignInCompletion}).
     */
    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        return users.findBySub(db, context.pool().id(), session.sub(), false)
                .call(found -> found.isPresent() ? mfa.check(context, found.get()) : Uni.createFrom().voidItem())
                .chain(() -> changePassword(context, session))
                .chain(opened -> completion.tokens(context, opened));
    }

    /**
     * NEW_PASSWORD and the {@code userAttributes.*} of {@code context}'s parameters checked and saved for the session's
     * user, and the sign-in recorded — all in one transaction.
     */
    private Uni<SignInCompletion.Opened> changePassword(AuthContext context, AuthSession session) {
        String newPassword = AuthParameters.require(context, "NEW_PASSWORD");
        PasswordPolicy.of(context.pool().settings()).check(newPassword);
        Map<String, String> changes = new LinkedHashMap<>();
        context.parameters().forEach((name, value) -> {
            if (name.startsWith(ATTRIBUTE_PREFIX)) {
                changes.put(name.substring(ATTRIBUTE_PREFIX.length()), value);
            }
        });
        return hashing.hash(newPassword).chain(hash -> db.withTransaction(tx -> users.findBySub(tx, context.pool().id(), session.sub(), true)
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
                    Instant now = clock.instant();
                    User changed = user.withAttributes(attributes, now).withPassword(hash, UserStatus.CONFIRMED, null, now);
                    return store.save(tx, context.pool(), changed, UserPoolEvents.USER_PASSWORD_SET, List.copyOf(changes.keySet()))
                            .call(saved -> srpVerifiers.save(tx, context.pool(), saved, newPassword))
                            .call(saved -> authEvents.insert(tx, AuthEvent.of(saved.userPoolId(), saved.sub(), AuthEvent.PASSWORD_CHANGE, true,
                                    null, null, context.client().clientId(), context.authFlow(), context.sourceIp())))
                            .chain(saved -> completion.signedIn(tx, context, saved, now));
                })));
    }
}
