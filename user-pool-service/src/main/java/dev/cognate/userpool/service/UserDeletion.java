package dev.cognate.userpool.service;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The one write path that deletes a user — AdminDeleteUser and the user's own DeleteUser: the user row and the
 * {@code user.deleted} event in the caller's transaction. Everything derived from the user goes with its row by the
 * schema's {@code ON DELETE CASCADE}: aliases, ListUsers index, SRP verifier, password history, codes, pending
 * attribute changes, refresh-token families and sign-out marks, sign-in failures, authentication events and group
 * memberships.
 */
@ApplicationScoped
public class UserDeletion {

    private final UserRepository users;

    public UserDeletion(UserRepository users) {
        this.users = users;
    }

    /** Deletes {@code user} (found, and locked, in {@code tx}). */
    public Uni<Void> delete(SqlClient tx, User user) {
        return users.delete(tx, user.userPoolId(), user.sub())
                .chain(() -> UserStore.publish(tx, user, UserPoolEvents.USER_DELETED, List.of()));
    }
}
