package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Cognate's pool file (CognateAdmin.ExportUserPool / ImportUserPool): JSON lines, one object per line with a
 * {@code type}. Line 1 is the pool ({@code formatVersion} 1); then resource servers, identity providers, domains,
 * app clients, groups and users. Configuration inside a line keeps Cognito's wire form (UpperCamelCase); the
 * envelope members are lowerCamelCase; dates are ISO-8601 instants. This class writes lines and reads them back
 * into domain values; a problem in a line is an {@link CognitoException#invalidParameter} the importer prefixes
 * with the line number.
 */
public final class PoolFile {

    public static final int FORMAT_VERSION = 1;
    public static final String POOL = "pool";
    public static final String CLIENT = "client";
    public static final String RESOURCE_SERVER = "resourceServer";
    public static final String IDENTITY_PROVIDER = "identityProvider";
    public static final String DOMAIN = "domain";
    public static final String GROUP = "group";
    public static final String USER = "user";
    public static final List<String> TYPES = List.of(POOL, CLIENT, RESOURCE_SERVER, IDENTITY_PROVIDER, DOMAIN, GROUP, USER);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PoolFile() {
    }

    /** The pool as read from line 1: its configuration in wire form ({@code SchemaAttributes} included). */
    public record PoolLine(String name, ObjectNode settings, Map<String, String> tags, ObjectNode mfaConfig) {
    }

    /** An app client as read from its line: the exported id, so the import can answer old → new; secrets only when exported. */
    public record ClientLine(String clientId, String clientName, ObjectNode settings, boolean hadSecret, List<String> secrets) {
    }

    // ---------------------------------------------------------------- writing

    public static ObjectNode pool(UserPool pool, ObjectNode mfaConfig, Instant exportedAt) {
        ObjectNode line = JSON.objectNode().put("type", POOL).put("formatVersion", FORMAT_VERSION)
                .put("exportedAt", exportedAt.toString()).put("sourceUserPoolId", pool.id());
        ObjectNode body = line.putObject("pool").put("name", pool.name());
        body.set("settings", pool.settings().deepCopy());
        ObjectNode tags = body.putObject("tags");
        pool.tags().forEach(tags::put);
        body.set("mfaConfig", mfaConfig.deepCopy());
        body.put("creationDate", pool.creationDate().toString()).put("lastModifiedDate", pool.lastModifiedDate().toString());
        return line;
    }

    /** @param secrets the client's secrets in clear, oldest first, or {@code null} when they are left out */
    public static ObjectNode client(AppClient client, boolean hasSecret, List<String> secrets) {
        ObjectNode line = JSON.objectNode().put("type", CLIENT).put("clientId", client.clientId()).put("clientName", client.clientName());
        line.set("settings", client.settings().deepCopy());
        line.put("hasSecret", hasSecret);
        if (secrets != null && hasSecret) {
            ArrayNode values = line.putArray("secrets");
            secrets.forEach(values::add);
        }
        return line.put("creationDate", client.creationDate().toString()).put("lastModifiedDate", client.lastModifiedDate().toString());
    }

    public static ObjectNode resourceServer(ResourceServer server) {
        ObjectNode line = JSON.objectNode().put("type", RESOURCE_SERVER).put("identifier", server.identifier()).put("name", server.name());
        ArrayNode scopes = line.putArray("scopes");
        server.scopes().forEach(scope -> scopes.addObject().put("ScopeName", scope.scopeName()).put("ScopeDescription", scope.scopeDescription()));
        return line;
    }

    /** @param provider with its secret details only when they are exported */
    public static ObjectNode identityProvider(IdentityProvider provider) {
        ObjectNode line = JSON.objectNode().put("type", IDENTITY_PROVIDER).put("providerName", provider.providerName())
                .put("providerType", provider.providerType());
        ObjectNode details = line.putObject("providerDetails");
        provider.providerDetails().forEach(details::put);
        ObjectNode mapping = line.putObject("attributeMapping");
        provider.attributeMapping().forEach(mapping::put);
        ArrayNode identifiers = line.putArray("idpIdentifiers");
        provider.idpIdentifiers().forEach(identifiers::add);
        return line.put("creationDate", provider.creationDate().toString()).put("lastModifiedDate", provider.lastModifiedDate().toString());
    }

    public static ObjectNode domain(UserPoolDomain domain) {
        ObjectNode line = JSON.objectNode().put("type", DOMAIN).put("domain", domain.domain());
        if (domain.certificateArn() != null) {
            line.put("certificateArn", domain.certificateArn());
        }
        return line.put("managedLoginVersion", domain.managedLoginVersion());
    }

    public static ObjectNode group(Group group) {
        ObjectNode line = JSON.objectNode().put("type", GROUP).put("groupName", group.groupName());
        if (group.description() != null) {
            line.put("description", group.description());
        }
        if (group.roleArn() != null) {
            line.put("roleArn", group.roleArn());
        }
        if (group.precedence() != null) {
            line.put("precedence", group.precedence());
        }
        return line.put("creationDate", group.creationDate().toString()).put("lastModifiedDate", group.lastModifiedDate().toString());
    }

    public static ObjectNode user(User user, Collection<String> groups) {
        ObjectNode line = JSON.objectNode().put("type", USER).put("username", user.username()).put("sub", user.sub().toString())
                .put("status", user.status().name()).put("enabled", user.enabled());
        ObjectNode attributes = line.putObject("attributes");
        user.attributes().forEach(attributes::put);
        if (user.passwordHash() != null) {
            line.put("passwordHash", user.passwordHash());
        }
        putInstant(line, "passwordChangedAt", user.passwordChangedAt());
        putInstant(line, "temporaryPasswordExpiresAt", user.temporaryPasswordExpiresAt());
        line.set("mfaOptions", user.mfaOptions().deepCopy());
        line.set("mfaPreference", user.mfaPreference().deepCopy());
        ArrayNode names = line.putArray("groups");
        groups.forEach(names::add);
        return line.put("creationDate", user.creationDate().toString()).put("lastModifiedDate", user.lastModifiedDate().toString());
    }

    // ---------------------------------------------------------------- reading

    /** The line's {@code type}, one of {@link #TYPES}. */
    public static String type(JsonNode line) {
        if (!line.isObject()) {
            throw CognitoException.invalidParameter("a line must be a JSON object.");
        }
        String type = text(line, "type", true);
        if (!TYPES.contains(type)) {
            throw CognitoException.invalidParameter("unknown type '" + type + "' (expected one of " + TYPES + ").");
        }
        return type;
    }

    public static PoolLine readPool(JsonNode line) {
        JsonNode version = line.get("formatVersion");
        if (version == null || !version.isInt() || version.intValue() != FORMAT_VERSION) {
            throw CognitoException.invalidParameter("unsupported formatVersion " + version + " (this Cognate reads " + FORMAT_VERSION + ").");
        }
        JsonNode pool = object(line, "pool", true);
        return new PoolLine(text(pool, "name", true), object(pool, "settings", true), strings(pool, "tags"),
                Optional.ofNullable(object(pool, "mfaConfig", false)).orElseGet(JSON::objectNode));
    }

    public static ClientLine readClient(JsonNode line) {
        List<String> secrets = new ArrayList<>();
        JsonNode given = line.get("secrets");
        if (given != null && !given.isNull()) {
            if (!given.isArray() || given.size() > ClientSecret.MAX_PER_CLIENT) {
                throw CognitoException.invalidParameter("secrets must be an array of at most " + ClientSecret.MAX_PER_CLIENT + " strings.");
            }
            given.forEach(secret -> {
                if (!secret.isTextual() || secret.asText().isEmpty()) {
                    throw CognitoException.invalidParameter("secrets must be an array of non-empty strings.");
                }
                secrets.add(secret.asText());
            });
        }
        JsonNode hasSecret = line.get("hasSecret");
        return new ClientLine(text(line, "clientId", true), text(line, "clientName", true), object(line, "settings", true),
                (hasSecret != null && hasSecret.asBoolean(false)) || !secrets.isEmpty(), secrets);
    }

    public static ResourceServer readResourceServer(String poolId, JsonNode line) {
        List<ResourceServer.Scope> scopes = new ArrayList<>();
        JsonNode given = line.get("scopes");
        if (given != null && !given.isNull()) {
            if (!given.isArray()) {
                throw CognitoException.invalidParameter("scopes must be an array.");
            }
            given.forEach(scope -> scopes.add(new ResourceServer.Scope(text(scope, "ScopeName", true), text(scope, "ScopeDescription", true))));
        }
        return new ResourceServer(poolId, text(line, "identifier", true), text(line, "name", true), scopes);
    }

    public static IdentityProvider readIdentityProvider(String poolId, JsonNode line, Instant now) {
        JsonNode identifiers = line.get("idpIdentifiers");
        List<String> idpIdentifiers = new ArrayList<>();
        if (identifiers != null && !identifiers.isNull()) {
            if (!identifiers.isArray()) {
                throw CognitoException.invalidParameter("idpIdentifiers must be an array of strings.");
            }
            identifiers.forEach(identifier -> idpIdentifiers.add(identifier.asText()));
        }
        return new IdentityProvider(poolId, text(line, "providerName", true), text(line, "providerType", true),
                strings(line, "providerDetails"), strings(line, "attributeMapping"), idpIdentifiers,
                instant(line, "creationDate", now), instant(line, "lastModifiedDate", now));
    }

    public static UserPoolDomain readDomain(String poolId, JsonNode line, Instant now) {
        JsonNode version = line.get("managedLoginVersion");
        return new UserPoolDomain(text(line, "domain", true), poolId, text(line, "certificateArn", false),
                version == null || !version.isInt() ? 1 : version.intValue(), now, now);
    }

    public static Group readGroup(String poolId, JsonNode line, Instant now) {
        JsonNode precedence = line.get("precedence");
        if (precedence != null && !precedence.isNull() && !precedence.isInt()) {
            throw CognitoException.invalidParameter("precedence must be an integer.");
        }
        return new Group(poolId, text(line, "groupName", true), text(line, "description", false), text(line, "roleArn", false),
                precedence == null || precedence.isNull() ? null : precedence.intValue(),
                instant(line, "creationDate", now), instant(line, "lastModifiedDate", now));
    }

    /** A user line, its values typed but not yet checked against the pool (schema, hash, uniqueness). */
    public static User readUser(String poolId, JsonNode line, Instant now) {
        UUID sub;
        try {
            sub = UUID.fromString(text(line, "sub", true));
        } catch (IllegalArgumentException e) {
            throw CognitoException.invalidParameter("sub must be a UUID.");
        }
        UserStatus status;
        try {
            status = UserStatus.valueOf(text(line, "status", true));
        } catch (IllegalArgumentException e) {
            throw CognitoException.invalidParameter("status must be one of " + List.of(UserStatus.values()) + ".");
        }
        JsonNode enabled = line.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw CognitoException.invalidParameter("enabled must be true or false.");
        }
        JsonNode options = line.get("mfaOptions");
        if (options != null && !options.isNull() && !options.isArray()) {
            throw CognitoException.invalidParameter("mfaOptions must be an array.");
        }
        return new User(poolId, sub, text(line, "username", true), status, enabled == null || enabled.booleanValue(),
                strings(line, "attributes"), text(line, "passwordHash", false),
                instant(line, "passwordChangedAt", null), instant(line, "temporaryPasswordExpiresAt", null),
                options == null || options.isNull() ? JSON.arrayNode() : (ArrayNode) options.deepCopy(),
                Optional.ofNullable(object(line, "mfaPreference", false)).orElseGet(JSON::objectNode),
                instant(line, "creationDate", now), instant(line, "lastModifiedDate", now));
    }

    /** The group names of a user line. */
    public static List<String> userGroups(JsonNode line) {
        JsonNode groups = line.get("groups");
        List<String> names = new ArrayList<>();
        if (groups == null || groups.isNull()) {
            return names;
        }
        if (!groups.isArray()) {
            throw CognitoException.invalidParameter("groups must be an array of group names.");
        }
        groups.forEach(group -> {
            if (!group.isTextual()) {
                throw CognitoException.invalidParameter("groups must be an array of group names.");
            }
            names.add(group.asText());
        });
        return names;
    }

    private static void putInstant(ObjectNode line, String member, Instant value) {
        if (value != null) {
            line.put(member, value.toString());
        }
    }

    private static String text(JsonNode node, String member, boolean required) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                throw CognitoException.invalidParameter(member + " is required.");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isEmpty())) {
            throw CognitoException.invalidParameter(member + " must be a" + (required ? " non-empty" : "") + " string.");
        }
        return value.asText();
    }

    private static ObjectNode object(JsonNode node, String member, boolean required) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                throw CognitoException.invalidParameter(member + " is required.");
            }
            return null;
        }
        if (!value.isObject()) {
            throw CognitoException.invalidParameter(member + " must be a JSON object.");
        }
        return (ObjectNode) value.deepCopy();
    }

    private static Map<String, String> strings(JsonNode node, String member) {
        Map<String, String> values = new LinkedHashMap<>();
        ObjectNode object = object(node, member, false);
        if (object == null) {
            return values;
        }
        object.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw CognitoException.invalidParameter(member + "." + entry.getKey() + " must be a string.");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        });
        return values;
    }

    private static Instant instant(JsonNode node, String member, Instant otherwise) {
        String value = text(node, member, false);
        if (value == null) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CognitoException.invalidParameter(member + " must be an ISO-8601 instant such as 2024-01-31T12:00:00Z.");
        }
    }
}
