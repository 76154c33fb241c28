package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.AuthEvent;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.password.PasswordHashing;
import dev.cognate.userpool.password.PasswordPolicy;
import dev.cognate.userpool.repository.AuthEventRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.UserStore;
import dev.cognate.userpool.validation.UserAttributeRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

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

    public NewPasswordRequiredChallenge(Pool db, UserRepository users, UserStore store, PasswordHashing hashing,
                                        SrpVerifierStore srpVerifiers, SignInCompletion completion, AuthEventRepository authEvents) {
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

    /** What follows the new password in its transaction: the API opens a refresh-token family, the hosted login records the sign-in. */
    @FunctionalInterface
    public interface SignIn<T> {
        Uni<T> after(SqlClient tx, User changed, Instant authTime);
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        return changePassword(context, session, (tx, changed, authTime) -> completion.signedIn(tx, context, changed, authTime))
                .chain(opened -> completion.tokens(context, opened));
    }

    /**
     * NEW_PASSWORD and the {@code userAttributes.*} of {@code context}'s parameters checked and saved for the session's
     * user, then {@code signIn} — all in one transaction.
     */
    public <T> Uni<T> changePassword(AuthContext context, AuthSession session, SignIn<T> signIn) {
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
                    Instant now = Instant.now();
                    User changed = user.withAttributes(attributes, now).withPassword(hash, UserStatus.CONFIRMED, null, now);
                    return store.save(tx, context.pool(), changed, UserPoolEvents.USER_PASSWORD_SET, List.copyOf(changes.keySet()))
                            .call(saved -> srpVerifiers.save(tx, context.pool(), saved, newPassword))
                            .call(saved -> authEvents.insert(tx, AuthEvent.of(saved.userPoolId(), saved.sub(), AuthEvent.PASSWORD_CHANGE, true,
                                    null, null, context.client().clientId(), context.authFlow(), context.sourceIp())))
                            .chain(saved -> signIn.after(tx, saved, now));
                })));
    }
}
