package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.mfa.SoftwareTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A signed-in user's own account: DeleteUser, SetUserSettings and SetUserMFAPreference. Each change and its event commit
 * in one transaction. (ChangePassword proves the previous password like a sign-in: auth/PasswordChange.)
 */
@ApplicationScoped
public class AccountSelfService {

    private final Pool db;
    private final SignedInUsers signedIn;
    private final UserStore store;
    private final UserDeletion deletion;
    private final SoftwareTokens softwareTokens;
    private final Clock clock;

    public AccountSelfService(Pool db, SignedInUsers signedIn, UserStore store, UserDeletion deletion, SoftwareTokens softwareTokens,
                              Clock clock) {
        this.softwareTokens = softwareTokens;
        this.db = db;
        this.signedIn = signedIn;
        this.store = store;
        this.deletion = deletion;
        this.clock = clock;
    }

    /** DeleteUser: the user goes (as AdminDeleteUser, with its tokens, codes and memberships); its access tokens stop working. */
    public Uni<Void> deleteUser(String accessToken) {
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true)
                .call(caller -> deletion.delete(tx, caller.user()))
                .replaceWithVoid()));
    }

    /** SetUserSettings: the user's legacy {@code MFAOptions}, as AdminSetUserSettings stores them. */
    public Uni<Void> setUserSettings(String accessToken, ArrayNode mfaOptions) {
        return change(accessToken, UserPoolEvents.USER_MFA_UPDATED,
                user -> user.withMfa(MfaPreferenceUpdate.requireLegacyDelivery(mfaOptions, user), user.mfaPreference(), now()));
    }

    /** SetUserMFAPreference: as AdminSetUserMFAPreference ({@link MfaPreferenceUpdate}; TOTP only once verified). */
    public Uni<Void> setUserMfaPreference(String accessToken, MfaPreferenceUpdate update) {
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true)
                .invoke(caller -> update.requireDeliveryFor(caller.user()))
                .call(caller -> softwareTokens.requireVerifiedFor(tx, caller.user(), update))
                .chain(caller -> store.save(tx, caller.pool(), caller.user().withMfa(caller.user().mfaOptions(),
                        update.applyTo(caller.user().mfaPreference()), now()), UserPoolEvents.USER_MFA_UPDATED, List.of()))
                .replaceWithVoid()));
    }

    private Uni<Void> change(String accessToken, EventType<UserPoolEvents.UserChanged> type, UnaryOperator<User> change) {
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true)
                .chain(caller -> store.save(tx, caller.pool(), change.apply(caller.user()), type, List.of()))
                .replaceWithVoid()));
    }

    /** Now, at the millisecond precision rows are written with. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
