package dev.cognate.userpool.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.AppClientIds;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.ClientSecret;
import dev.cognate.userpool.domain.Group;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.domain.PoolFile;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.ResourceServer;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserPoolDomain;
import dev.cognate.userpool.domain.UserPoolIds;
import dev.cognate.userpool.domain.UserPoolSettings;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.password.PasswordHasher;
import dev.cognate.userpool.repository.AppClientRepository;
import dev.cognate.userpool.repository.GroupMembershipRepository;
import dev.cognate.userpool.repository.GroupRepository;
import dev.cognate.userpool.repository.IdentityProviderRepository;
import dev.cognate.userpool.repository.ResourceServerRepository;
import dev.cognate.userpool.repository.UserPoolDomainRepository;
import dev.cognate.userpool.repository.UserPoolMfaRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.validation.UserAttributeRules;
import dev.cognate.userpool.validation.UserPoolSettingsRules;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CognateAdmin.ImportUserPool: a {@link PoolFile} becomes a NEW pool (new pool id, new client ids), all or nothing:
 * every line is read, checked and written in one transaction, line after line, so a bad line (named by its number in
 * an {@code InvalidParameterException}) leaves no pool behind. Users keep their sub, username, attributes, status,
 * MFA settings, groups and Argon2id password hash; they are written through the user write path ({@link UserCreation}),
 * so their aliases, ListUsers index rows and password history are filled (no SRP verifier: a file holds no password,
 * so USER_SRP_AUTH works once the user next sets one), and every created thing publishes its usual event through the
 * outbox.
 */
@ApplicationScoped
public class PoolImportService {

    /** What the import created. */
    public record ImportResult(String userPoolId, String poolName, Map<String, String> clientIds, List<String> clientsWithNewSecret,
                               List<String> skippedDomains, int resourceServers, int identityProviders, int domains, int clients,
                               int groups, int users) {
    }

    private record NumberedLine(int number, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool db;
    private final CognateConfig config;
    private final UserPoolRepository pools;
    private final UserPoolMfaRepository mfa;
    private final AppClientRepository clients;
    private final AppClientService clientService;
    private final ResourceServerRepository resourceServers;
    private final IdentityProviderRepository identityProviders;
    private final IdentityProviderService identityProviderService;
    private final UserPoolDomainRepository domains;
    private final GroupRepository groups;
    private final UserCreation creation;
    private final GroupMembershipRepository memberships;
    private final UserPoolSettingsRules settingsRules;
    private final Clock clock;

    public PoolImportService(Pool db, CognateConfig config, UserPoolRepository pools, UserPoolMfaRepository mfa,
                             AppClientRepository clients, AppClientService clientService, ResourceServerRepository resourceServers,
                             IdentityProviderRepository identityProviders, IdentityProviderService identityProviderService,
                             UserPoolDomainRepository domains, GroupRepository groups, UserCreation creation,
                             GroupMembershipRepository memberships, UserPoolSettingsRules settingsRules, Clock clock) {
        this.db = db;
        this.config = config;
        this.pools = pools;
        this.mfa = mfa;
        this.clients = clients;
        this.clientService = clientService;
        this.resourceServers = resourceServers;
        this.identityProviders = identityProviders;
        this.identityProviderService = identityProviderService;
        this.domains = domains;
        this.groups = groups;
        this.creation = creation;
        this.memberships = memberships;
        this.settingsRules = settingsRules;
        this.clock = clock;
    }

    /** @param poolName the new pool's name, or {@code null} to keep the file's */
    public Uni<ImportResult> importUserPool(String text, String poolName) {
        if (text.isBlank()) {
            throw CognitoException.invalidParameter("Line 1: the file is empty; line 1 must be the pool (type 'pool').");
        }
        AtomicInteger counter = new AtomicInteger();
        return db.withTransaction(tx -> {
            Importer importer = new Importer(tx, poolName);
            return Multi.createFrom().items(() -> text.lines().map(line -> new NumberedLine(counter.incrementAndGet(), line))
                            .filter(line -> !line.text().isBlank()))
                    .onItem().transformToUniAndConcatenate(line -> importer.apply(line))
                    .collect().last()
                    .map(ignored -> importer.result());
        });
    }

    /** The state of one import: the pool once line 1 is read, and what later lines may refer to or must not repeat. */
    private final class Importer {

        private final SqlClient tx;
        private final String poolNameOverride;
        private final Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        private UserPool pool;
        private UserAttributeRules attributeRules;
        private SignInIdentifiers identifiers;
        private final Map<String, String> clientIds = new LinkedHashMap<>();
        private final List<String> clientsWithNewSecret = new ArrayList<>();
        private final List<String> skippedDomains = new ArrayList<>();
        private final Set<String> groupNames = new HashSet<>();
        private final Set<String> usernameKeys = new HashSet<>();
        private final Set<UUID> subs = new HashSet<>();
        private int resourceServerCount;
        private int identityProviderCount;
        private int domainCount;
        private int userCount;

        Importer(SqlClient tx, String poolNameOverride) {
            this.tx = tx;
            this.poolNameOverride = poolNameOverride;
        }

        Uni<Void> apply(NumberedLine line) {
            return Uni.createFrom().deferred(() -> dispatch(line))
                    .onFailure(failure -> failure instanceof CognitoException || failure instanceof IllegalArgumentException
                            || (failure instanceof PgException pg && pg.getSqlState() != null
                                    && (pg.getSqlState().startsWith("23") || pg.getSqlState().startsWith("22"))))
                    .transform(failure -> CognitoException.invalidParameter("Line " + line.number() + ": " + reason(failure)));
        }

        ImportResult result() {
            if (pool == null) {
                throw CognitoException.invalidParameter("Line 1: the file holds no pool.");
            }
            return new ImportResult(pool.id(), pool.name(), clientIds, clientsWithNewSecret, skippedDomains, resourceServerCount,
                    identityProviderCount, domainCount, clientIds.size(), groupNames.size(), userCount);
        }

        private Uni<Void> dispatch(NumberedLine line) {
            JsonNode node;
            try {
                node = JSON.readTree(line.text());
            } catch (JsonProcessingException e) {
                throw CognitoException.invalidParameter("malformed JSON (" + e.getOriginalMessage() + ").");
            }
            String type = PoolFile.type(node);
            if (pool == null && !PoolFile.POOL.equals(type)) {
                throw CognitoException.invalidParameter("the first line must be the pool (type 'pool'), not '" + type + "'.");
            }
            return switch (type) {
                case PoolFile.POOL -> createPool(node);
                case PoolFile.RESOURCE_SERVER -> createResourceServer(node);
                case PoolFile.IDENTITY_PROVIDER -> createIdentityProvider(node);
                case PoolFile.DOMAIN -> createDomain(node);
                case PoolFile.CLIENT -> createClient(node);
                case PoolFile.GROUP -> createGroup(node);
                default -> createUser(node);
            };
        }

        private Uni<Void> createPool(JsonNode node) {
            if (pool != null) {
                throw CognitoException.invalidParameter("a file holds one pool; this is a second 'pool' line.");
            }
            PoolFile.PoolLine line = PoolFile.readPool(node);
            String name = poolNameOverride != null ? poolNameOverride : line.name();
            ObjectNode request = line.settings().deepCopy();
            JsonNode schema = request.remove("SchemaAttributes");
            ObjectNode settings = UserPoolSettings.forCreate(request, settingsRules);
            settings.set("SchemaAttributes", schema(schema));
            pool = new UserPool(UserPoolIds.newId(config.region()), name, settings, line.tags(), now, now);
            attributeRules = new UserAttributeRules(PoolSchema.of(settings));
            identifiers = SignInIdentifiers.of(settings);
            return pools.insert(tx, pool)
                    .chain(() -> mfa.save(tx, pool.id(), line.mfaConfig()))
                    .chain(() -> UserPoolEventOutbox.publish(tx, pool.id(), UserPoolEvents.POOL_CREATED,
                            new UserPoolEvents.PoolChanged(pool.id(), pool.name())));
        }

        /** The file's {@code SchemaAttributes}, each entry read back as Cognate stores it: standard names or {@code custom:} ones. */
        private ArrayNode schema(JsonNode schema) {
            if (schema == null || schema.isNull()) {
                return PoolSchema.of(JSON.createObjectNode()).toWire();
            }
            if (!schema.isArray()) {
                throw CognitoException.invalidParameter("pool.settings.SchemaAttributes must be an array.");
            }
            List<String> standard = PoolSchema.standardNames();
            int custom = 0;
            for (JsonNode entry : schema) {
                AttributeDefinition definition = AttributeDefinition.fromWire(entry);
                if (!definition.custom() && !standard.contains(definition.name())) {
                    throw CognitoException.invalidParameter("pool.settings.SchemaAttributes: '" + definition.name()
                            + "' is neither a standard attribute nor a custom: one.");
                }
                custom += definition.custom() ? 1 : 0;
            }
            if (custom > PoolSchema.MAX_CUSTOM_ATTRIBUTES) {
                throw CognitoException.invalidParameter("pool.settings.SchemaAttributes: at most " + PoolSchema.MAX_CUSTOM_ATTRIBUTES
                        + " custom attributes.");
            }
            ObjectNode holder = JSON.createObjectNode();
            holder.set("SchemaAttributes", schema);
            return PoolSchema.of(holder).toWire();
        }

        private Uni<Void> createResourceServer(JsonNode node) {
            ResourceServer server = PoolFile.readResourceServer(pool.id(), node);
            return resourceServers.insert(tx, server).chain(inserted -> {
                if (!inserted) {
                    throw CognitoException.invalidParameter("duplicate resource server '" + server.identifier() + "'.");
                }
                resourceServerCount++;
                return UserPoolEventOutbox.publish(tx, pool.id(), UserPoolEvents.RESOURCE_SERVER_CREATED,
                        new UserPoolEvents.ResourceServerChanged(pool.id(), server.identifier()));
            });
        }

        private Uni<Void> createIdentityProvider(JsonNode node) {
            IdentityProvider provider = PoolFile.readIdentityProvider(pool.id(), node, now);
            return identityProviders.insert(tx, identityProviderService.seal(provider))
                    .invoke(() -> identityProviderCount++)
                    .chain(() -> UserPoolEventOutbox.publish(tx, pool.id(), UserPoolEvents.IDENTITY_PROVIDER_CREATED,
                            new UserPoolEvents.IdentityProviderChanged(pool.id(), provider.providerName(), provider.providerType())));
        }

        /** A domain name is unique across pools: one still held (by the exported pool, say) is skipped and reported. */
        private Uni<Void> createDomain(JsonNode node) {
            UserPoolDomain domain = PoolFile.readDomain(pool.id(), node, now);
            return domains.insert(tx, domain).chain(inserted -> {
                if (!inserted) {
                    skippedDomains.add(domain.domain());
                    return Uni.createFrom().voidItem();
                }
                domainCount++;
                return UserPoolEventOutbox.publish(tx, pool.id(), UserPoolEvents.DOMAIN_CREATED,
                        new UserPoolEvents.DomainChanged(pool.id(), domain.domain()));
            });
        }

        /**
         * A new client id; the exported secrets when the file has them, else a new secret for a client that had one. The
         * settings are checked against the new pool as CreateUserPoolClient does (attributes, scopes of the resource servers
         * and identity providers imported before it).
         */
        private Uni<Void> createClient(JsonNode node) {
            PoolFile.ClientLine line = PoolFile.readClient(node);
            if (clientIds.containsKey(line.clientId())) {
                throw CognitoException.invalidParameter("duplicate client id '" + line.clientId() + "'.");
            }
            AppClient client = new AppClient(AppClientIds.newClientId(), pool.id(), line.clientName(), line.settings(), now, now);
            List<String> values = new ArrayList<>(line.secrets());
            if (line.hadSecret() && values.isEmpty()) {
                values.add(AppClientIds.newSecret());
                clientsWithNewSecret.add(client.clientId());
            }
            clientIds.put(line.clientId(), client.clientId());
            Uni<Void> chain = clientService.checkAgainstPool(tx, pool, client.settings(), !values.isEmpty(), "importing")
                    .chain(() -> clients.insert(tx, client));
            for (int i = 0; i < values.size(); i++) {
                ClientSecret secret = new ClientSecret(client.clientId() + "--" + (now.toEpochMilli() + i), client.clientId(), values.get(i),
                        now.plusMillis(i));
                chain = chain.chain(() -> clients.insertSecret(tx, clientService.seal(secret)));
            }
            return chain.chain(() -> UserPoolEventOutbox.publish(tx, pool.id(), UserPoolEvents.CLIENT_CREATED,
                    new UserPoolEvents.ClientChanged(pool.id(), client.clientId(), client.clientName())));
        }

        private Uni<Void> createGroup(JsonNode node) {
            Group group = PoolFile.readGroup(pool.id(), node, now);
            if (!groupNames.add(group.groupName())) {
                throw CognitoException.invalidParameter("duplicate group '" + group.groupName() + "'.");
            }
            return groups.insert(tx, group).chain(() -> UserPoolEventOutbox.publish(tx, pool.id(), UserPoolEvents.GROUP_CREATED,
                    new UserPoolEvents.GroupChanged(pool.id(), group.groupName())));
        }

        private Uni<Void> createUser(JsonNode node) {
            User read = PoolFile.readUser(pool.id(), node, now);
            if (read.passwordHash() != null && !PasswordHasher.isSupported(read.passwordHash())) {
                throw CognitoException.invalidParameter("passwordHash is not a supported Argon2id PHC string"
                        + " ($argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>).");
            }
            if (!usernameKeys.add(identifiers.usernameKey(read.username()))) {
                throw CognitoException.invalidParameter("duplicate username '" + read.username() + "'.");
            }
            if (!subs.add(read.sub())) {
                throw CognitoException.invalidParameter("duplicate sub " + read.sub() + ".");
            }
            List<String> userGroups = PoolFile.userGroups(node);
            userGroups.stream().filter(group -> !groupNames.contains(group)).findFirst().ifPresent(group -> {
                throw CognitoException.invalidParameter("unknown group '" + group + "' (groups must come before their users).");
            });
            Map<String, String> given = new LinkedHashMap<>(read.attributes());
            given.remove("sub");
            String identities = given.remove("identities");
            Map<String, String> attributes = new LinkedHashMap<>(attributeRules.forCreate(given));
            if (identities != null) {
                attributes.put("identities", identities);
            }
            User user = read.withAttributes(attributes, read.lastModifiedDate());
            userCount++;
            return creation.create(tx, pool, user, null, UserCreation.Source.POOL_IMPORT, false)
                    .chain(() -> memberships.addToGroups(tx, pool.id(), user.sub(), userGroups, now))
                    .chain(() -> membershipEvents(user, userGroups));
        }

        private Uni<Void> membershipEvents(User user, List<String> userGroups) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String group : userGroups) {
                chain = chain.chain(() -> UserPoolEventOutbox.publishForUser(tx, pool.id(), user.sub(), UserPoolEvents.GROUP_MEMBERSHIP_CHANGED,
                        new UserPoolEvents.GroupMembershipChanged(pool.id(), group, user.sub().toString(), user.username(), true)));
            }
            return chain;
        }
    }

    private static String reason(Throwable failure) {
        if (failure instanceof PgException pg) {
            return "refused by the database (" + pg.getErrorMessage() + ").";
        }
        if (failure instanceof CognitoException cognito) {
            return cognito.getMessage();
        }
        return "invalid value (" + failure.getMessage() + ").";
    }
}
