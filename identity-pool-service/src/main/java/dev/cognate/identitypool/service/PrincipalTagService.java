package dev.cognate.identitypool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.events.Topics;
import dev.cognate.identitypool.domain.CognitoIdentityProvider;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.IdentityPoolConfiguration;
import dev.cognate.identitypool.domain.PrincipalTagAttributeMap;
import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.identitypool.login.IdentityTokenLogins;
import dev.cognate.identitypool.repository.IdentityPoolRepository;
import dev.cognate.identitypool.repository.PrincipalTagAttributeMapRepository;
import dev.cognate.identitypool.role.PrincipalTags;
import dev.cognate.identitypool.token.IdentityTokenIssuer;
import dev.cognate.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attributes for access control: Set/GetPrincipalTagAttributeMap keep a map per identity pool and provider, and
 * {@link #tagsFor} computes the principal tags of credentials from the verified login it applies to.
 */
@ApplicationScoped
public class PrincipalTagService {

    private final Pool db;
    private final IdentityPoolRepository pools;
    private final PrincipalTagAttributeMapRepository maps;

    public PrincipalTagService(Pool db, IdentityPoolRepository pools, PrincipalTagAttributeMapRepository maps) {
        this.db = db;
        this.pools = pools;
        this.maps = maps;
    }

    /** SetPrincipalTagAttributeMap: replaces the provider's map; published as an update of the pool. */
    public Uni<PrincipalTagAttributeMap> set(PrincipalTagAttributeMap map) {
        if (map.useDefaults() && !map.principalTags().isEmpty()) {
            throw CognitoException.invalidParameter("PrincipalTags must be empty when UseDefaults is true.");
        }
        return db.withTransaction(tx -> pools.findForUpdate(tx, map.identityPoolId())
                .map(found -> requireProvider(found.orElseThrow(() -> IdentityPoolService.notFound(map.identityPoolId())),
                        map.identityProviderName()))
                .call(pool -> maps.upsert(tx, map))
                .call(pool -> Outbox.append(tx, Topics.IDENTITY_EVENTS, pool.id(), CloudEvent.of(IdentityPoolEvents.POOL_UPDATED,
                        CloudEvent.identityPoolSource(pool.id()), null, new IdentityPoolEvents.PoolChanged(pool.id(), pool.name()))))
                .replaceWith(map));
    }

    /** GetPrincipalTagAttributeMap: the provider's map; a provider of the pool that never had one is not found. */
    public Uni<PrincipalTagAttributeMap> get(String poolId, String providerName) {
        return pools.find(db, poolId)
                .map(found -> requireProvider(found.orElseThrow(() -> IdentityPoolService.notFound(poolId)), providerName))
                .chain(pool -> maps.find(db, poolId, providerName))
                .map(found -> found.orElseThrow(() -> CognitoException.resourceNotFound(
                        "PrincipalTagAttributeMap for provider '" + providerName + "' of IdentityPool '" + poolId + "' not found.")));
    }

    /**
     * The principal tags of credentials for {@code login} (the login the role was chosen for): none for a guest or a
     * provider without a map; an identity token's own tags for the identity-token login (the tags its issuer was given).
     */
    public Uni<Map<String, String>> tagsFor(IdentityPool pool, VerifiedLogin login) {
        if (login == null) {
            return Uni.createFrom().item(Map.of());
        }
        if (login.providerName().equals(IdentityTokenLogins.PROVIDER)) {
            return Uni.createFrom().item(IdentityTokenIssuer.principalTags(login.claims()));
        }
        return maps.find(db, pool.id(), login.providerName()).map(map -> PrincipalTags.of(map.orElse(null), login.claims()));
    }

    /** The login used for role and tags among the request's verified logins: the first in provider-name order. */
    public static VerifiedLogin primary(List<VerifiedLogin> logins) {
        return logins.isEmpty() ? null : logins.get(0);
    }

    private static IdentityPool requireProvider(IdentityPool pool, String providerName) {
        if (!providersOf(pool.configuration()).contains(providerName)) {
            throw CognitoException.invalidParameter("'" + providerName + "' is not an identity provider of IdentityPool '" + pool.id() + "'.");
        }
        return pool;
    }

    /** Every provider name a login of the pool can have: user pools, social providers, OIDC and SAML provider ARNs. */
    private static Set<String> providersOf(IdentityPoolConfiguration configuration) {
        Set<String> names = new HashSet<>();
        configuration.cognitoIdentityProviders().stream().map(CognitoIdentityProvider::providerName).forEach(names::add);
        names.addAll(configuration.supportedLoginProviders().keySet());
        names.addAll(configuration.openIdConnectProviderARNs());
        names.addAll(configuration.samlProviderARNs());
        return names;
    }
}
