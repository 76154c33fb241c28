package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.trigger.PostEventTriggers;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one write path that confirms a sign-up — ConfirmSignUp (with the code's attribute verified) and AdminConfirmSignUp:
 * UNCONFIRMED → CONFIRMED and the {@code user.confirmed} event in the caller's transaction. (A password that an
 * administrator or the user sets also ends in CONFIRMED: that is {@link UserPasswords}' part.)
 */
@ApplicationScoped
public class UserConfirmation {

    private final UserStore store;
    private final PostEventTriggers postEvents;
    private final Clock clock;

    public UserConfirmation(UserStore store, PostEventTriggers postEvents, Clock clock) {
        this.store = store;
        this.postEvents = postEvents;
        this.clock = clock;
    }

    /** Only an UNCONFIRMED user can be confirmed: Cognito's {@code NotAuthorizedException} otherwise. */
    public static void requireUnconfirmed(User user) {
        if (user.status() != UserStatus.UNCONFIRMED) {
            throw new CognitoException("NotAuthorizedException", "User cannot be confirmed. Current status is " + user.status().name());
        }
    }

    /**
     * Confirms {@code user}.
     *
     * @param verifiedAttribute the attribute the confirmation code went to ({@code email} or {@code phone_number}),
     *                          which becomes verified; {@code null} for AdminConfirmSignUp
     * @param forceAliasCreation ConfirmSignUp's {@code ForceAliasCreation}: the newly verified alias moves here from
     *                           another user; without it, a verified alias another user holds is refused
     * @param caller             the app client and {@code ClientMetadata} the PostConfirmation event carries
     * @return the PostConfirmation call to make once {@code tx} committed ({@link #afterCommit}), for a pool whose
     *         post-event triggers are synchronous; a durable one is already in the outbox
     */
    public Uni<PostEventTriggers.Pending> confirm(SqlClient tx, UserPool pool, User user, String verifiedAttribute,
                                                  boolean forceAliasCreation, TriggerCaller caller) {
        requireUnconfirmed(user);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        if (verifiedAttribute != null) {
            attributes.put(verifiedAttribute + "_verified", "true");
        }
        User confirmed = user.withAttributes(attributes, now).withStatus(UserStatus.CONFIRMED, now);
        // PostConfirmation (PostConfirmation_ConfirmSignUp, also for AdminConfirmSignUp as Cognito): durable, its event
        // commits with the confirmation; synchronous, it runs after the commit and, as in Cognito, its failure fails the
        // call while the user stays confirmed.
        return (forceAliasCreation ? store.takeAliases(tx, pool, confirmed, true) : Uni.createFrom().voidItem())
                .chain(() -> store.save(tx, pool, confirmed, UserPoolEvents.USER_CONFIRMED,
                        verifiedAttribute == null ? List.of() : List.of(verifiedAttribute + "_verified")))
                .chain(saved -> postEvents.confirmed(tx, pool, saved, PostEventTriggers.CONFIRM_SIGN_UP, caller));
    }

    /**
     * PostConfirmation of a user the PreSignUp trigger confirmed at SignUp ({@code autoConfirmUser}), in the sign-up's
     * transaction: Cognito runs it then, with {@code PostConfirmation_ConfirmSignUp}.
     */
    public Uni<PostEventTriggers.Pending> confirmedAtSignUp(SqlClient tx, UserPool pool, User user, TriggerCaller caller) {
        return postEvents.confirmed(tx, pool, user, PostEventTriggers.CONFIRM_SIGN_UP, caller);
    }

    /** The synchronous PostConfirmation {@link #confirm} left, once its transaction committed. */
    public Uni<Void> afterCommit(PostEventTriggers.Pending pending) {
        return postEvents.runSynchronously(pending);
    }
}
