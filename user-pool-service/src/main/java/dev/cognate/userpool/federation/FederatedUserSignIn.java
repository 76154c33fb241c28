package dev.cognate.userpool.federation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.userpool.auth.AuthContext;
import dev.cognate.userpool.auth.SignInAudit;
import dev.cognate.userpool.domain.FederatedIdentities;
import dev.cognate.userpool.domain.FederatedUsernames;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.FederatedLinkRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.ClientAuthenticator;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import dev.cognate.userpool.service.UserConfirmation;
import dev.cognate.userpool.service.UserCreation;
import dev.cognate.userpool.service.UserStore;
import dev.cognate.userpool.trigger.InboundFederationTrigger;
import dev.cognate.userpool.trigger.PostEventTriggers;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link FederatedSignIn}, in Cognito's order: the InboundFederation trigger ({@code InboundFederation_ExternalProvider})
 * chooses what the provider's {@code AttributeMapping} reads; then
 * <ul>
 * <li>an identity linked to a user ({@code AdminLinkProviderForUser}: by its subject or, for SAML, one of its attributes)
 *     signs in as that user, its mapped attributes updated;</li>
 * <li>else the federated user {@code {ProviderName}_{subject}} signs in, its mapped attributes updated — or, at the first
 *     sign-in, is created through the pool's one creation path ({@link UserCreation}: PreSignUp as
 *     {@code PreSignUp_ExternalProvider} before the transaction, then the row, the {@code identities} attribute and
 *     {@code user.created}), with PostConfirmation ({@code PostConfirmation_ConfirmSignUp}) as Cognito runs it for a new
 *     federated user. A PreSignUp function that links the identity (AdminLinkProviderForUser) makes this first sign-in the
 *     linked user's, and no federated user is created.</li>
 * </ul>
 * The user's changes, the {@code SignIn} authentication event and the {@code signed_in} event commit in one transaction.
 * Federated sign-ins do not run PreAuthentication or PostAuthentication (Cognito runs them for its own sign-ins only).
 * Refusals — a disabled user, a mapped value the schema refuses, a trigger's failure — change nothing and are recorded.
 */
@ApplicationScoped
public class FederatedUserSignIn implements FederatedSignIn {

    private final Pool db;
    private final ClientAuthenticator clients;
    private final UserStore store;
    private final UserRepository users;
    private final UserCreation creation;
    private final UserConfirmation confirmation;
    private final FederatedLinkRepository links;
    private final InboundFederationTrigger inboundFederation;
    private final SignInAudit audit;
    private final Clock clock;

    public FederatedUserSignIn(Pool db, ClientAuthenticator clients, UserStore store, UserRepository users, UserCreation creation,
                               UserConfirmation confirmation, FederatedLinkRepository links, InboundFederationTrigger inboundFederation,
                               SignInAudit audit, Clock clock) {
        this.db = db;
        this.clients = clients;
        this.store = store;
        this.users = users;
        this.creation = creation;
        this.confirmation = confirmation;
        this.links = links;
        this.inboundFederation = inboundFederation;
        this.audit = audit;
        this.clock = clock;
    }

    /** One sign-in in progress: who is signing in, through which client, with what the mapping produced. */
    private record Attempt(AuthContext context, ExternalIdentity identity, String username, Map<String, String> mapped) {

        UserPool pool() {
            return context.pool();
        }

        IdentityProvider provider() {
            return identity.provider();
        }

        TriggerCaller caller() {
            return new TriggerCaller(context.client().clientId(), null, null);
        }
    }

    @Override
    public Uni<SignedInUser> signIn(String clientId, ExternalIdentity identity, String ipAddress) {
        IdentityProvider provider = identity.provider();
        return clients.forFederation(clientId, provider.providerName()).chain(client -> {
            if (!client.pool().id().equals(provider.userPoolId())) {
                throw CognitoException.invalidParameter("The client does not support the identity provider " + provider.providerName());
            }
            AuthContext context = new AuthContext(client.pool(), client.client(), false, AuthContext.HOSTED_LOGIN, Map.of(), ipAddress);
            String username = FederatedUsernames.of(client.pool(), provider.providerName(), identity.subject());
            ExternalIdentity.InboundFederationAttributes inbound = identity.inbound();
            return inboundFederation.run(client.pool().id(), client.pool().config().lambdaConfig(), username, clientId,
                            provider.providerName(), provider.providerType(), new InboundFederationTrigger.ProviderAnswer(
                                    inbound.tokenResponse(), inbound.idToken(), inbound.userInfo(), inbound.samlResponse()),
                            identity.attributes())
                    .onFailure(CognitoException.class).recoverWithUni(failure ->
                            audit.refuse(context, null, username, "inbound_federation_failed", (CognitoException) failure))
                    .map(toMap -> new Attempt(context, identity, username,
                            ProviderAttributeMapping.apply(provider.attributeMapping(), toMap)))
                    .chain(this::signIn);
        });
    }

    private Uni<SignedInUser> signIn(Attempt attempt) {
        return linkedUser(attempt).chain(linked -> linked.isPresent() ? signInAs(attempt, linked.get())
                : store.findByUsername(db, attempt.pool(), attempt.username(), false)
                .chain(found -> found.isPresent() ? signInAs(attempt, found.get().sub()) : firstSignIn(attempt)));
    }

    /** The user AdminLinkProviderForUser linked this identity to, by its subject or one of the provider's attributes. */
    private Uni<Optional<UUID>> linkedUser(Attempt attempt) {
        return links.destinationOf(db, attempt.pool().id(), attempt.provider().providerName(), attempt.identity().subject(),
                attempt.identity().attributes());
    }

    /** A later sign-in (or a linked one): the user locked, its mapped attributes updated, the sign-in recorded. */
    private Uni<SignedInUser> signInAs(Attempt attempt, UUID sub) {
        Instant authTime = clock.instant();
        AtomicReference<User> refused = new AtomicReference<>();
        return db.withTransaction(tx -> users.findBySub(tx, attempt.pool().id(), sub, true).chain(found -> {
                    User user = found.orElseThrow(UserStore::userNotFound);
                    refused.set(user);
                    if (!user.enabled()) {
                        throw disabled();
                    }
                    return updateMapped(tx, attempt, user).call(updated -> recordSignIn(tx, attempt.context(), updated));
                }))
                .onFailure(CognitoException.class).recoverWithUni(failure -> refuse(attempt, refused.get(), (CognitoException) failure))
                .map(user -> signedIn(user, authTime));
    }

    private Uni<User> updateMapped(SqlClient tx, Attempt attempt, User user) {
        Map<String, String> changes = new LinkedHashMap<>();
        attempt.mapped().forEach((name, value) -> {
            if (!value.equals(user.attributes().get(name))) {
                changes.put(name, value);
            }
        });
        if (changes.isEmpty()) {
            return Uni.createFrom().item(user);
        }
        Map<String, String> updated = FederatedAttributes.forUpdate(attempt.pool(), user.attributes(), changes);
        return store.save(tx, attempt.pool(), user.withAttributes(updated, now()), UserPoolEvents.USER_UPDATED, List.copyOf(changes.keySet()));
    }

    /**
     * The first sign-in of the identity: its federated user checked against the schema, PreSignUp before the transaction,
     * then (unless the function linked the identity meanwhile) the user created, PostConfirmation and the sign-in recorded
     * in one transaction; a synchronous PostConfirmation is called after the commit.
     */
    private Uni<SignedInUser> firstSignIn(Attempt attempt) {
        Instant now = now();
        User draft;
        try {
            Map<String, String> attributes = FederatedAttributes.forCreate(attempt.pool(), attempt.mapped());
            draft = new User(attempt.pool().id(), UUID.randomUUID(), attempt.username(), UserStatus.EXTERNAL_PROVIDER, true, attributes,
                    null, null, null, JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(), now, now);
        } catch (CognitoException e) {
            return refuse(attempt, null, e);
        }
        AtomicReference<PostEventTriggers.Pending> postConfirmation = new AtomicReference<>(PostEventTriggers.Pending.NONE);
        // PreSignUp sees the mapped attributes only; the identities attribute comes with the user
        return creation.beforeTransaction(attempt.pool(), draft, UserCreation.Source.EXTERNAL_PROVIDER, attempt.caller())
                .onFailure(CognitoException.class).recoverWithUni(failure -> refuse(attempt, null, (CognitoException) failure))
                .map(decided -> withIdentity(decided, attempt, now))
                .chain(decided -> linkedUser(attempt).chain(linked -> linked.isPresent() ? signInAs(attempt, linked.get())
                        : db.withTransaction(tx -> creation.create(tx, attempt.pool(), decided, null, UserCreation.Source.EXTERNAL_PROVIDER, false)
                                        .call(user -> confirmation.confirmedAtSignUp(tx, attempt.pool(), user, attempt.caller())
                                                .invoke(postConfirmation::set))
                                        .call(user -> recordSignIn(tx, attempt.context(), user)))
                                .call(() -> confirmation.afterCommit(postConfirmation.get()))
                                .map(user -> signedIn(user, now))
                                // two first sign-ins of one identity at once: the second finds the user the first created
                                .onFailure(FederatedUserSignIn::isUsernameTaken).recoverWithUni(() -> signIn(attempt))));
    }

    /** The new federated user's {@code identities}: its own provider identity, primary. */
    private static User withIdentity(User user, Attempt attempt, Instant now) {
        IdentityProvider provider = attempt.provider();
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        attributes.put(FederatedIdentities.ATTRIBUTE, new FederatedIdentities(List.of(new FederatedIdentities.Entry(
                attempt.identity().subject(), provider.providerName(), provider.providerType(), attempt.identity().issuer(), true, now)))
                .toAttribute());
        return user.withAttributes(attributes, now);
    }

    private static boolean isUsernameTaken(Throwable failure) {
        return failure instanceof CognitoException e && "UsernameExistsException".equals(e.type());
    }

    /** The {@code SignIn} authentication event (no password checked) and the {@code signed_in} event, in {@code tx}. */
    private Uni<Void> recordSignIn(SqlClient tx, AuthContext context, User user) {
        return audit.succeeded(tx, context, user, SignInAudit.Proof.NO_PASSWORD)
                .chain(() -> UserPoolEventOutbox.publishForUser(tx, user.userPoolId(), user.sub(), UserPoolEvents.USER_SIGNED_IN,
                        new UserPoolEvents.SignedIn(user.userPoolId(), user.sub().toString(), user.username(), context.client().clientId(),
                                context.authFlow())));
    }

    /** Records the refused sign-in (for the user it concerned, when there is one) and fails with {@code error}. */
    private <T> Uni<T> refuse(Attempt attempt, User user, CognitoException error) {
        String reason = switch (error.type()) {
            case "NotAuthorizedException" -> "federated_user_disabled";
            case "InvalidParameterException", "AliasExistsException" -> "federated_attributes_invalid";
            default -> "federated_trigger_failed";
        };
        return audit.refuse(attempt.context(), user, attempt.username(), reason, error);
    }

    private static CognitoException disabled() {
        return new CognitoException("NotAuthorizedException", "User is disabled.");
    }

    private static SignedInUser signedIn(User user, Instant authTime) {
        return new SignedInUser(user.sub().toString(), user.username(), authTime.getEpochSecond());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
