package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.domain.PoolFile;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.AppClientRepository;
import dev.cognate.userpool.repository.GroupMembershipRepository;
import dev.cognate.userpool.repository.GroupRepository;
import dev.cognate.userpool.repository.IdentityProviderRepository;
import dev.cognate.userpool.repository.ResourceServerRepository;
import dev.cognate.userpool.repository.UserPoolDomainRepository;
import dev.cognate.userpool.repository.UserPoolMfaRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * CognateAdmin.ExportUserPool: a pool as {@link PoolFile} lines, one page per call so that no pool is ever held in
 * memory whole. The first page holds the pool's configuration (pool, resource servers, identity providers, domains,
 * clients, groups) and the first users; each next page (its token is the last username key) the next users, in
 * username order. Client secrets and identity providers' secret details are in clear only when asked for.
 */
@ApplicationScoped
public class PoolExportService {

    private static final int CONFIGURATION_PAGE = 500;

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserPoolMfaRepository mfa;
    private final AppClientRepository clients;
    private final AppClientService clientService;
    private final ResourceServerRepository resourceServers;
    private final IdentityProviderRepository identityProviders;
    private final IdentityProviderService identityProviderService;
    private final UserPoolDomainRepository domains;
    private final GroupRepository groups;
    private final UserRepository users;
    private final GroupMembershipRepository memberships;
    private final Clock clock;

    public PoolExportService(Pool db, UserPoolRepository pools, UserPoolMfaRepository mfa, AppClientRepository clients,
                             AppClientService clientService, ResourceServerRepository resourceServers,
                             IdentityProviderRepository identityProviders, IdentityProviderService identityProviderService,
                             UserPoolDomainRepository domains, GroupRepository groups, UserRepository users,
                             GroupMembershipRepository memberships, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.mfa = mfa;
        this.clients = clients;
        this.clientService = clientService;
        this.resourceServers = resourceServers;
        this.identityProviders = identityProviders;
        this.identityProviderService = identityProviderService;
        this.domains = domains;
        this.groups = groups;
        this.users = users;
        this.memberships = memberships;
        this.clock = clock;
    }

    /** One page of the export: the configuration lines first (no token), then up to {@code maxUsers} users. */
    public Uni<Page<ObjectNode>> exportUserPool(String poolId, boolean includeSecrets, String token, int maxUsers) {
        String afterUsernameKey = PaginationToken.decode(token);
        return pools.require(db, poolId).chain(pool -> {
            Uni<List<ObjectNode>> head = afterUsernameKey == null ? configuration(pool, includeSecrets) : Uni.createFrom().item(new ArrayList<>());
            return head.chain(lines -> usersPage(pool, afterUsernameKey, maxUsers)
                    .map(page -> {
                        List<ObjectNode> all = new ArrayList<>(lines);
                        all.addAll(page.items());
                        return new Page<>(all, page.nextToken());
                    }));
        });
    }

    private Uni<List<ObjectNode>> configuration(UserPool pool, boolean includeSecrets) {
        List<ObjectNode> lines = new ArrayList<>();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return mfa.find(db, pool.id())
                .invoke(config -> lines.add(PoolFile.pool(pool, config.orElseGet(JsonNodeFactory.instance::objectNode), now)))
                .chain(() -> all((after, limit) -> resourceServers.page(db, pool.id(), after, limit), server -> server.identifier()))
                .invoke(servers -> servers.forEach(server -> lines.add(PoolFile.resourceServer(server))))
                .chain(() -> all((after, limit) -> identityProviders.page(db, pool.id(), after, limit), IdentityProvider::providerName))
                .chain(providers -> includeSecrets ? withSecrets(pool.id(), providers) : Uni.createFrom().item(providers))
                .invoke(providers -> providers.forEach(provider -> lines.add(PoolFile.identityProvider(provider))))
                .chain(() -> domains.ofPool(db, pool.id()))
                .invoke(owned -> owned.forEach(domain -> lines.add(PoolFile.domain(domain))))
                .chain(() -> all((after, limit) -> clients.page(db, pool.id(), after, limit), AppClient::clientId))
                .chain(found -> clientLines(found, includeSecrets))
                .invoke(lines::addAll)
                .chain(() -> all((after, limit) -> groups.page(db, pool.id(), after, limit), group -> group.groupName()))
                .invoke(found -> found.forEach(group -> lines.add(PoolFile.group(group))))
                .replaceWith(lines);
    }

    private Uni<List<ObjectNode>> clientLines(List<AppClient> found, boolean includeSecrets) {
        List<ObjectNode> lines = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AppClient client : found) {
            chain = chain.chain(() -> clients.secrets(db, client.clientId())).invoke(secrets -> lines.add(PoolFile.client(client,
                    !secrets.isEmpty(), includeSecrets ? secrets.stream().map(sealed -> clientService.open(sealed).value()).toList() : null)))
                    .replaceWithVoid();
        }
        return chain.replaceWith(lines);
    }

    private Uni<List<IdentityProvider>> withSecrets(String poolId, List<IdentityProvider> providers) {
        List<IdentityProvider> opened = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (IdentityProvider provider : providers) {
            chain = chain.chain(() -> identityProviders.find(db, poolId, provider.providerName()))
                    .invoke(stored -> stored.map(identityProviderService::open).ifPresent(opened::add)).replaceWithVoid();
        }
        return chain.replaceWith(opened);
    }

    private Uni<Page<ObjectNode>> usersPage(UserPool pool, String afterUsernameKey, int maxUsers) {
        SignInIdentifiers identifiers = SignInIdentifiers.of(pool.settings());
        return users.page(db, pool.id(), afterUsernameKey, maxUsers + 1)
                .map(found -> Page.of(found, maxUsers, user -> identifiers.usernameKey(user.username())))
                .chain(page -> memberships.groupNamesOf(db, pool.id(), page.items().stream().map(User::sub).toList())
                        .map(groupsBySub -> page.map(user -> PoolFile.user(user, groupsBySub.getOrDefault(user.sub(), List.of())))));
    }

    /** Every row of a keyset-paginated configuration list (bounded by Cognito's quotas: clients, groups, providers). */
    private static <T> Uni<List<T>> all(BiFunction<String, Integer, Uni<List<T>>> page, Function<T, String> key) {
        List<T> collected = new ArrayList<>();
        return next(page, key, null, collected).replaceWith(collected);
    }

    private static <T> Uni<Void> next(BiFunction<String, Integer, Uni<List<T>>> page, Function<T, String> key, String after, List<T> collected) {
        return page.apply(after, CONFIGURATION_PAGE).chain(rows -> {
            collected.addAll(rows);
            return rows.size() < CONFIGURATION_PAGE ? Uni.createFrom().voidItem()
                    : next(page, key, key.apply(rows.get(rows.size() - 1)), collected);
        });
    }
}
