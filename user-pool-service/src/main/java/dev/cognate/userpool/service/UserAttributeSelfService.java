package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.AttributeUpdateSettings;
import dev.cognate.userpool.domain.CodeDeliveryDetails;
import dev.cognate.userpool.domain.CodePurpose;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.PendingAttributeRepository;
import dev.cognate.userpool.trigger.TriggerCaller;
import dev.cognate.userpool.validation.UserAttributeRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signed-in user's own attributes: UpdateUserAttributes and DeleteUserAttributes (the admin rules of
 * {@link UserAttributeRules}, plus the client's {@code WriteAttributes}), GetUserAttributeVerificationCode and
 * VerifyUserAttribute. A new email or phone number the pool verifies before updating waits in
 * {@code pending_user_attributes}; the old value stays active (and visible) until its code is verified.
 */
@ApplicationScoped
public class UserAttributeSelfService {

    static final String UPDATE_TRIGGER = "CustomMessage_UpdateUserAttribute";
    static final String VERIFY_TRIGGER = "CustomMessage_VerifyUserAttribute";

    private final Pool db;
    private final SignedInUsers signedIn;
    private final UserStore store;
    private final VerificationCodes codes;
    private final PendingAttributeRepository pending;
    private final Clock clock;

    public UserAttributeSelfService(Pool db, SignedInUsers signedIn, UserStore store, VerificationCodes codes, PendingAttributeRepository pending, Clock clock) {
        this.db = db;
        this.signedIn = signedIn;
        this.store = store;
        this.codes = codes;
        this.pending = pending;
        this.clock = clock;
    }

    /** UpdateUserAttributes: the attributes written; the codes sent to changed, auto-verified email / phone number. */
    public Uni<List<CodeDeliveryDetails>> updateUserAttributes(String accessToken, Map<String, String> changes,
                                                               Map<String, String> clientMetadata) {
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true).chain(caller -> {
            caller.client().checkWritable(changes.keySet());
            UserPool pool = caller.pool();
            User user = caller.user();
            AttributeUpdateSettings settings = AttributeUpdateSettings.of(pool.settings());
            Map<String, String> updated = rules(pool).forUpdate(user.attributes(), changes);
            List<String> changedContacts = AttributeUpdateSettings.VERIFIABLE.stream()
                    .filter(name -> changes.containsKey(name) && !changes.get(name).equals(user.attribute(name))).toList();
            Map<String, String> waiting = new LinkedHashMap<>();
            for (String name : changedContacts) {
                if (settings.keepsOldValueUntilVerified(name) && user.attribute(name) != null) {
                    waiting.put(name, updated.get(name));
                    keepCurrent(updated, user, name);
                }
            }
            return store.save(tx, pool, user.withAttributes(updated, now()), UserPoolEvents.USER_UPDATED,
                            UserService.changedNames(user.attributes(), updated))
                    .call(saved -> recordPending(tx, saved, changes.keySet(), waiting))
                    .chain(saved -> sendCodes(tx, pool, saved, changedContacts.stream().filter(settings::sendsCodeFor).toList(), waiting,
                            new TriggerCaller(caller.client().clientId(), null, clientMetadata)));
        })));
    }

    /** DeleteUserAttributes: as AdminDeleteUserAttributes, limited to the client's {@code WriteAttributes}. */
    public Uni<Void> deleteUserAttributes(String accessToken, List<String> names) {
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true).chain(caller -> {
            caller.client().checkWritable(names);
            User user = caller.user();
            Map<String, String> remaining = rules(caller.pool()).forDelete(user.attributes(), names);
            return store.save(tx, caller.pool(), user.withAttributes(remaining, now()), UserPoolEvents.USER_UPDATED,
                            UserService.changedNames(user.attributes(), remaining))
                    .call(saved -> forgetPending(tx, saved, names));
        }))).replaceWithVoid();
    }

    /** GetUserAttributeVerificationCode: a code to the user's email or phone number — to the pending new value if there is one. */
    public Uni<CodeDeliveryDetails> getUserAttributeVerificationCode(String accessToken, String attribute, Map<String, String> clientMetadata) {
        requireVerifiable(attribute);
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true).chain(caller -> {
            User user = caller.user();
            return pending.find(tx, user.userPoolId(), user.sub(), attribute).chain(waiting -> {
                String destination = waiting.orElse(user.attribute(attribute));
                if (destination == null || destination.isEmpty()) {
                    throw CognitoException.invalidParameter("Invalid " + attribute + ": the user has no " + attribute + ".");
                }
                return codes.send(tx, caller.pool(), user, CodePurpose.verificationOf(attribute), attribute, destination, VERIFY_TRIGGER,
                        new TriggerCaller(caller.client().clientId(), null, clientMetadata));
            });
        })));
    }

    /**
     * VerifyUserAttribute: the code of {@code attribute} → the attribute is verified (a pending new value becomes active).
     * A wrong code is counted even though the request fails.
     */
    public Uni<Void> verifyUserAttribute(String accessToken, String attribute, String code) {
        requireVerifiable(attribute);
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true).chain(caller -> {
                    User user = caller.user();
                    return pending.find(tx, user.userPoolId(), user.sub(), attribute).chain(waiting -> codes.check(tx, user,
                                    CodePurpose.verificationOf(attribute), code, name -> waiting.orElse(user.attribute(name)))
                            .call(check -> check.matched() ? verified(tx, caller.pool(), user, attribute, waiting) : Uni.createFrom().voidItem()));
                })))
                .invoke(check -> SignUpService.throwIfFailed(check.outcome()))
                .replaceWithVoid();
    }

    private Uni<Void> verified(SqlClient tx, UserPool pool, User user, String attribute, Optional<String> waiting) {
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        waiting.ifPresent(value -> attributes.put(attribute, value));
        attributes.put(attribute + "_verified", "true");
        return store.save(tx, pool, user.withAttributes(attributes, now()), UserPoolEvents.USER_UPDATED,
                        UserService.changedNames(user.attributes(), attributes))
                .chain(() -> pending.delete(tx, user.userPoolId(), user.sub(), attribute));
    }

    /** New values that wait for their code are kept; a contact written directly drops an older pending value. */
    private Uni<Void> recordPending(SqlClient tx, User user, Collection<String> written, Map<String, String> waiting) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : AttributeUpdateSettings.VERIFIABLE) {
            if (waiting.containsKey(name)) {
                chain = chain.chain(() -> pending.put(tx, user.userPoolId(), user.sub(), name, waiting.get(name), now()));
            } else if (written.contains(name)) {
                chain = chain.chain(() -> pending.delete(tx, user.userPoolId(), user.sub(), name));
            }
        }
        return chain;
    }

    private Uni<Void> forgetPending(SqlClient tx, User user, Collection<String> deleted) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : AttributeUpdateSettings.VERIFIABLE) {
            if (deleted.contains(name)) {
                chain = chain.chain(() -> pending.delete(tx, user.userPoolId(), user.sub(), name));
            }
        }
        return chain;
    }

    private Uni<List<CodeDeliveryDetails>> sendCodes(SqlClient tx, UserPool pool, User user, List<String> attributes, Map<String, String> waiting,
                                                       TriggerCaller triggerCaller) {
        List<CodeDeliveryDetails> sent = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : attributes) {
            String destination = waiting.getOrDefault(name, user.attribute(name));
            chain = chain.chain(() -> codes.send(tx, pool, user, CodePurpose.verificationOf(name), name, destination, UPDATE_TRIGGER, triggerCaller)
                    .invoke(sent::add).replaceWithVoid());
        }
        return chain.replaceWith(sent);
    }

    /** The attribute keeps its current value and verification flag (its new value waits). */
    private static void keepCurrent(Map<String, String> attributes, User user, String name) {
        attributes.put(name, user.attribute(name));
        String flag = name + "_verified";
        if (user.attributes().containsKey(flag)) {
            attributes.put(flag, user.attributes().get(flag));
        } else {
            attributes.remove(flag);
        }
    }

    private static void requireVerifiable(String attribute) {
        if (!AttributeUpdateSettings.VERIFIABLE.contains(attribute)) {
            throw CognitoException.invalidParameter("Invalid attribute name: only email and phone_number can be verified.");
        }
    }

    private static UserAttributeRules rules(UserPool pool) {
        return new UserAttributeRules(PoolSchema.of(pool.settings()));
    }

    /** Now, at the millisecond precision rows are written with. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
