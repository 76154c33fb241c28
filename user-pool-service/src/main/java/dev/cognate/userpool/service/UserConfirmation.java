package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
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
    private final Clock clock;

    public UserConfirmation(UserStore store, Clock clock) {
        this.store = store;
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
     */
    public Uni<User> confirm(SqlClient tx, UserPool pool, User user, String verifiedAttribute, boolean forceAliasCreation) {
        requireUnconfirmed(user);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        if (verifiedAttribute != null) {
            attributes.put(verifiedAttribute + "_verified", "true");
        }
        User confirmed = user.withAttributes(attributes, now).withStatus(UserStatus.CONFIRMED, now);
        // Trigger hook (issue 12), as the last step of the chain below: PostConfirmation (PostConfirmation_ConfirmSignUp)
        // runs in this transaction when the pool makes post triggers synchronous, so its failure leaves the user
        // unconfirmed; otherwise trigger-runner runs it from the user.confirmed event.
        return (forceAliasCreation ? store.takeAliases(tx, pool, confirmed, true) : Uni.createFrom().voidItem())
                .chain(() -> store.save(tx, pool, confirmed, UserPoolEvents.USER_CONFIRMED,
                        verifiedAttribute == null ? List.of() : List.of(verifiedAttribute + "_verified")));
    }
}
