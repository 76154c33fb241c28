package dev.cognate.userpool.federation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.userpool.auth.AuthContext;
import dev.cognate.userpool.auth.SignInCompletion;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.service.ClientAuthenticator;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import dev.cognate.userpool.service.UserCreation;
import dev.cognate.userpool.service.UserStore;
import dev.cognate.userpool.trigger.TriggerCaller;
import dev.cognate.userpool.validation.UserAttributeRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link FederatedSignIn}: finds or creates the federated user {@code {ProviderName}_{subject}} (status
 * {@code EXTERNAL_PROVIDER}) through the pool's one creation path ({@link UserCreation}, its {@code user.created} event in
 * the same transaction), updates its mapped attributes on later sign-ins, and ends the sign-in as the hosted login ends
 * every sign-in ({@link SignInCompletion}: the {@code SignIn} authentication event and the {@code signed_in} event).
 */
@ApplicationScoped
public class FederatedUserSignIn implements FederatedSignIn {

    private final Pool db;
    private final ClientAuthenticator clients;
    private final UserStore store;
    private final UserCreation creation;
    private final SignInCompletion completion;
    private final Clock clock;

    public FederatedUserSignIn(Pool db, ClientAuthenticator clients, UserStore store, UserCreation creation,
                               SignInCompletion completion, Clock clock) {
        this.db = db;
        this.clients = clients;
        this.store = store;
        this.creation = creation;
        this.completion = completion;
        this.clock = clock;
    }

    @Override
    public Uni<SignedInUser> signIn(String clientId, ExternalIdentity identity, String ipAddress) {
        IdentityProvider provider = identity.provider();
        return clients.forFederation(clientId, provider.providerName()).chain(client -> {
            if (!client.pool().id().equals(provider.userPoolId())) {
                throw CognitoException.invalidParameter("The client does not support the identity provider " + provider.providerName());
            }
            String username = FederatedUsernames.of(provider, identity);
            Map<String, String> mapped = ProviderAttributeMapping.apply(provider.attributeMapping(), identity.attributes());
            return store.findByUsername(db, client.pool(), username, false)
                    .chain(found -> found.isPresent() ? update(client.pool(), found.get(), mapped)
                            : create(client, identity, username, mapped))
                    .chain(user -> finish(client, user, ipAddress));
        });
    }

    private Uni<User> create(AuthenticatedClient client, ExternalIdentity identity, String username, Map<String, String> mapped) {
        UserPool pool = client.pool();
        Instant now = now();
        Map<String, String> attributes = new LinkedHashMap<>(new UserAttributeRules(PoolSchema.of(pool.settings())).forCreate(mapped));
        IdentityProvider provider = identity.provider();
        attributes.put(FederatedIdentities.ATTRIBUTE, new FederatedIdentities(List.of(new FederatedIdentities.Entry(identity.subject(),
                provider.providerName(), provider.providerType(), null, true, now))).toAttribute());
        User draft = new User(pool.id(), UUID.randomUUID(), username, UserStatus.EXTERNAL_PROVIDER, true, attributes, null, null, null,
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(), now, now);
        TriggerCaller caller = new TriggerCaller(client.client().clientId(), null, null);
        return creation.beforeTransaction(pool, draft, UserCreation.Source.EXTERNAL_PROVIDER, caller)
                .chain(decided -> db.withTransaction(tx -> creation.create(tx, pool, decided, null, UserCreation.Source.EXTERNAL_PROVIDER, false)));
    }

    private Uni<User> update(UserPool pool, User user, Map<String, String> mapped) {
        Map<String, String> updated = new LinkedHashMap<>(user.attributes());
        updated.putAll(mapped);
        if (updated.equals(user.attributes())) {
            return Uni.createFrom().item(user);
        }
        List<String> changed = mapped.keySet().stream().filter(name -> !mapped.get(name).equals(user.attributes().get(name))).toList();
        return db.withTransaction(tx -> store.save(tx, pool, user.withAttributes(updated, now()), UserPoolEvents.USER_UPDATED, changed));
    }

    private Uni<SignedInUser> finish(AuthenticatedClient client, User user, String ipAddress) {
        if (!user.enabled()) {
            throw new CognitoException("NotAuthorizedException", "User is disabled.");
        }
        AuthContext context = new AuthContext(client.pool(), client.client(), false, AuthContext.HOSTED_LOGIN, Map.of(), ipAddress);
        return completion.finishWithoutPassword(context, user)
                .map(response -> new SignedInUser(response.signedIn().user().sub().toString(), response.signedIn().user().username(),
                        response.signedIn().authTime().getEpochSecond()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
