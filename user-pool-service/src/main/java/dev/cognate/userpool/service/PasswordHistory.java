package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.password.PasswordHashing;
import dev.cognate.userpool.repository.PasswordHistoryRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The pool's {@code PasswordHistorySize} (0–24): a new password may match none of the user's last N passwords — the
 * current one and the newest recorded ones. Used only by the password write path ({@link UserPasswords},
 * {@link UserCreation}): checked for ChangePassword, AdminSetUserPassword and ConfirmForgotPassword before their
 * transaction (Argon2 verifications run on the hashing pool, never holding a connection); every password a user gets —
 * at sign-up, creation, import or any later change — is recorded in the transaction that sets it.
 */
@ApplicationScoped
public class PasswordHistory {

    private final PasswordHistoryRepository history;
    private final PasswordHashing hashing;

    public PasswordHistory(PasswordHistoryRepository history, PasswordHashing hashing) {
        this.history = history;
        this.hashing = hashing;
    }

    public static CognitoException violation() {
        return new CognitoException("PasswordHistoryPolicyViolationException",
                "The password you entered has been used before. Choose a different password.");
    }

    /** Fails with {@code PasswordHistoryPolicyViolationException} when {@code password} is one of the user's last N. */
    Uni<Void> checkNotReused(SqlClient sql, UserPool pool, User user, String password) {
        int size = pool.config().passwordPolicy().passwordHistorySize();
        if (size <= 0) {
            return Uni.createFrom().voidItem();
        }
        return history.newest(sql, pool.id(), user.sub(), size).chain(recorded -> {
            Set<String> hashes = new LinkedHashSet<>();
            if (user.passwordHash() != null) {
                hashes.add(user.passwordHash());
            }
            recorded.stream().filter(hash -> hashes.size() < size).forEach(hashes::add);
            return Multi.createFrom().iterable(hashes)
                    .onItem().transformToUniAndConcatenate(hash -> hashing.verify(password, hash))
                    .collect().asList()
                    .invoke(matches -> {
                        if (matches.contains(Boolean.TRUE)) {
                            throw violation();
                        }
                    })
                    .replaceWithVoid();
        });
    }

    /** Records the password {@code user} now has (its hash), keeping the newest N; nothing is kept when N is 0. */
    Uni<Void> record(SqlClient tx, UserPool pool, User user) {
        int size = pool.config().passwordPolicy().passwordHistorySize();
        if (size <= 0 || user.passwordHash() == null) {
            return history.clear(tx, pool.id(), user.sub());
        }
        return history.add(tx, pool.id(), user.sub(), user.passwordHash(), user.lastModifiedDate(), size);
    }

    /** Records a new user's first password; with no history kept there is nothing to write (or to clear). */
    Uni<Void> recordFirst(SqlClient tx, UserPool pool, User user) {
        int size = pool.config().passwordPolicy().passwordHistorySize();
        if (size <= 0 || user.passwordHash() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant setAt = user.passwordChangedAt() != null ? user.passwordChangedAt() : user.lastModifiedDate();
        return history.add(tx, pool.id(), user.sub(), user.passwordHash(), setAt, size);
    }
}
