package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.FederatedIdentities;
import dev.cognate.userpool.domain.FederatedUsernames;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.FederatedLinkRepository;
import dev.cognate.userpool.repository.IdentityProviderRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
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
import java.util.Set;

import static dev.cognate.userpool.repository.FederatedLinkRepository.COGNITO_SUBJECT;

/**
 * AdminLinkProviderForUser and AdminDisableProviderForUser: a provider identity that has not signed in yet is linked to
 * an existing user (its later federated sign-ins sign in as that user, see {@code federation/FederatedUserSignIn}), and
 * such links — or a user's own way of signing in — are taken away again. The link row, the destination's
 * {@code identities} attribute and its {@code user.updated} event commit together.
 */
@ApplicationScoped
public class ProviderLinks {

    /** The ProviderName of the pool's own users. */
    public static final String COGNITO = "Cognito";
    /** Cognito's limit of identities linked to one user. */
    static final int MAX_LINKS_PER_USER = 5;
    private static final Set<String> SOCIAL = Set.of("Google", "Facebook", "LoginWithAmazon", "SignInWithApple");

    /** Cognito's {@code ProviderUserIdentifierType}. */
    public record ProviderUser(String providerName, String providerAttributeName, String providerAttributeValue) {
    }

    private final Pool db;
    private final UserPoolRepository pools;
    private final IdentityProviderRepository providers;
    private final FederatedLinkRepository links;
    private final UserStore store;
    private final UserPasswords passwords;
    private final Clock clock;

    public ProviderLinks(Pool db, UserPoolRepository pools, IdentityProviderRepository providers, FederatedLinkRepository links,
                         UserStore store, UserPasswords passwords, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.providers = providers;
        this.links = links;
        this.store = store;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** AdminLinkProviderForUser. */
    public Uni<Void> link(String userPoolId, ProviderUser destination, ProviderUser source) {
        if (COGNITO.equals(source.providerName())) {
            throw CognitoException.invalidParameter("Invalid SourceUser: Cognito users with a username/password may not be passed in as a"
                    + " SourceUser, only as a DestinationUser");
        }
        return db.withTransaction(tx -> pools.require(tx, userPoolId).chain(pool -> provider(tx, pool, source.providerName())
                .invoke(provider -> requireSubjectForSocial(provider, source))
                .chain(provider -> destinationUser(tx, pool, destination)
                        .call(user -> refuseImmutableAttributes(pool, user))
                        .call(user -> links.destination(tx, pool.id(), source.providerName(), source.providerAttributeName(),
                                source.providerAttributeValue()).invoke(linked -> {
                            if (linked.isPresent()) {
                                throw CognitoException.invalidParameter("SourceUser is already linked to DestinationUser");
                            }
                        }))
                        .call(user -> refuseSignedUpSource(tx, pool, source))
                        .call(user -> links.countFor(tx, pool.id(), user.sub()).invoke(count -> {
                            if (count >= MAX_LINKS_PER_USER) {
                                throw new CognitoException("LimitExceededException", "A user can be linked to at most "
                                        + MAX_LINKS_PER_USER + " federated identities.");
                            }
                        }))
                        .chain(user -> addLink(tx, pool, user, provider, source)))))
                .replaceWithVoid();
    }

    /**
     * AdminDisableProviderForUser: {@code Cognito} + {@code Cognito_Subject} + a username → that user's password stops
     * working; a provider identity → its link is removed (the destination's {@code identities} loses it, and its next
     * sign-in makes a new federated user), or, for an identity that signed in as its own federated user, that user is
     * disabled. Nothing found → {@code UserNotFoundException}.
     */
    public Uni<Void> disable(String userPoolId, ProviderUser user) {
        return db.withTransaction(tx -> pools.require(tx, userPoolId).chain(pool -> {
            if (COGNITO.equals(user.providerName())) {
                if (!COGNITO_SUBJECT.equals(user.providerAttributeName())) {
                    throw CognitoException.invalidParameter("ProviderAttributeName must be Cognito_Subject for Cognito users.");
                }
                return store.require(tx, pool, user.providerAttributeValue(), true)
                        .chain(found -> passwords.removePassword(tx, pool, found)).replaceWithVoid();
            }
            return provider(tx, pool, user.providerName())
                    .invoke(provider -> requireSubjectForSocial(provider, user))
                    .chain(provider -> links.delete(tx, pool.id(), user.providerName(), user.providerAttributeName(), user.providerAttributeValue())
                            .chain(unlinked -> unlinked.isPresent()
                                    ? store.require(tx, pool, unlinked.get().toString(), true).chain(linked -> removeIdentity(tx, pool, linked, user))
                                    : disableFederatedUser(tx, pool, user)));
        })).replaceWithVoid();
    }

    private Uni<IdentityProvider> provider(SqlClient tx, UserPool pool, String providerName) {
        return providers.find(tx, pool.id(), providerName)
                .map(found -> found.orElseThrow(() -> IdentityProviderService.notFound(providerName)).provider());
    }

    /** Social providers name their users only by subject ({@code Cognito_Subject}); SAML and OIDC also by an attribute. */
    private static void requireSubjectForSocial(IdentityProvider provider, ProviderUser user) {
        if (SOCIAL.contains(provider.providerType()) && !COGNITO_SUBJECT.equals(user.providerAttributeName())) {
            throw CognitoException.invalidParameter("ProviderAttributeName must be Cognito_Subject for " + provider.providerType()
                    + " identity providers.");
        }
    }

    /** The pool's own user named by {@code Cognito} and its username, or the federated user of a provider identity. */
    private Uni<User> destinationUser(SqlClient tx, UserPool pool, ProviderUser destination) {
        if (COGNITO.equals(destination.providerName())) {
            return store.require(tx, pool, destination.providerAttributeValue(), true);
        }
        return provider(tx, pool, destination.providerName())
                .chain(provider -> store.findByUsername(tx, pool, FederatedUsernames.of(pool, provider.providerName(),
                        destination.providerAttributeValue()), true))
                .map(found -> found.orElseThrow(UserStore::userNotFound));
    }

    /** Cognito: "All attributes in the DestinationUser profile must be mutable." */
    private static Uni<Void> refuseImmutableAttributes(UserPool pool, User user) {
        PoolSchema schema = PoolSchema.of(pool.settings());
        for (String name : user.attributes().keySet()) {
            Optional<AttributeDefinition> definition = schema.find(name);
            if (definition.isPresent() && !definition.get().mutable() && !FederatedIdentities.ATTRIBUTE.equals(name)) {
                throw CognitoException.invalidParameter("The DestinationUser has a value for the immutable attribute " + name
                        + ": only users whose attributes are all mutable can be linked.");
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** A provider identity that already signed in (its federated user exists) cannot be linked: Cognito merges no users. */
    private Uni<Void> refuseSignedUpSource(SqlClient tx, UserPool pool, ProviderUser source) {
        if (!COGNITO_SUBJECT.equals(source.providerAttributeName())) {
            return Uni.createFrom().voidItem();
        }
        return store.findByUsername(tx, pool, FederatedUsernames.of(pool, source.providerName(), source.providerAttributeValue()), false)
                .invoke(found -> {
                    if (found.isPresent()) {
                        throw CognitoException.invalidParameter("Merging is not currently supported, provide a SourceUser that has not"
                                + " been signed up in order to link");
                    }
                }).replaceWithVoid();
    }

    private Uni<User> addLink(SqlClient tx, UserPool pool, User user, IdentityProvider provider, ProviderUser source) {
        Instant now = now();
        FederatedIdentities identities = FederatedIdentities.parse(user.attributes().get(FederatedIdentities.ATTRIBUTE))
                .with(new FederatedIdentities.Entry(source.providerAttributeValue(), provider.providerName(), provider.providerType(),
                        null, false, now));
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        attributes.put(FederatedIdentities.ATTRIBUTE, identities.toAttribute());
        return links.insert(tx, pool.id(), source.providerName(), source.providerAttributeName(), source.providerAttributeValue(), user.sub(), now)
                .chain(() -> store.save(tx, pool, user.withAttributes(attributes, now), UserPoolEvents.USER_UPDATED,
                        List.of(FederatedIdentities.ATTRIBUTE)));
    }

    private Uni<User> removeIdentity(SqlClient tx, UserPool pool, User user, ProviderUser unlinked) {
        FederatedIdentities identities = FederatedIdentities.parse(user.attributes().get(FederatedIdentities.ATTRIBUTE))
                .without(unlinked.providerName(), unlinked.providerAttributeValue());
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        if (identities.isEmpty()) {
            attributes.remove(FederatedIdentities.ATTRIBUTE);
        } else {
            attributes.put(FederatedIdentities.ATTRIBUTE, identities.toAttribute());
        }
        return store.save(tx, pool, user.withAttributes(attributes, now()), UserPoolEvents.USER_UPDATED, List.of(FederatedIdentities.ATTRIBUTE));
    }

    /** An identity that signed in unlinked: its own federated user is disabled (it stays, as AdminDisableUser leaves it). */
    private Uni<User> disableFederatedUser(SqlClient tx, UserPool pool, ProviderUser user) {
        if (!COGNITO_SUBJECT.equals(user.providerAttributeName())) {
            return Uni.createFrom().failure(UserStore.userNotFound());
        }
        return store.findByUsername(tx, pool, FederatedUsernames.of(pool, user.providerName(), user.providerAttributeValue()), true)
                .chain(found -> {
                    User federated = found.orElseThrow(UserStore::userNotFound);
                    return federated.enabled() ? store.save(tx, pool, federated.withEnabled(false, now()), UserPoolEvents.USER_DISABLED, List.of())
                            : Uni.createFrom().item(federated);
                });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
