package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.ResourceServer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Resource server members and their wire shapes, with the limits of the API reference. */
final class ResourceServerRequests {

    static final Pattern IDENTIFIER = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    static final Pattern NAME = Pattern.compile("[\\w\\s+=,.@-]+");
    static final Pattern SCOPE_NAME = Pattern.compile("[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+");
    static final int MAX_SCOPES = 100;

    /** The members CreateResourceServer and UpdateResourceServer share. */
    record Request(String userPoolId, String identifier, String name, List<ResourceServer.Scope> scopes) {
    }

    /** Members DescribeResourceServer and DeleteResourceServer share. */
    record Key(String userPoolId, String identifier) {
    }

    /** {@code ResourceServerType}. */
    record ResourceServerType(String userPoolId, String identifier, String name, List<ResourceServer.Scope> scopes) {
        static ResourceServerType of(ResourceServer server) {
            return new ResourceServerType(server.userPoolId(), server.identifier(), server.name(), server.scopes());
        }
    }

    record Response(ResourceServerType resourceServer) {
    }

    private ResourceServerRequests() {
    }

    static Validation identifier(Validation validation, String identifier) {
        return validation.required("identifier", identifier)
                .length("identifier", identifier, 1, 256)
                .pattern("identifier", identifier, IDENTIFIER);
    }

    static ResourceServer validated(Request request) {
        Validation validation = identifier(UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()), request.identifier())
                .required("name", request.name())
                .length("name", request.name(), 1, 256)
                .pattern("name", request.name(), NAME)
                .size("scopes", request.scopes(), 0, MAX_SCOPES);
        List<ResourceServer.Scope> scopes = request.scopes() == null ? List.of() : request.scopes();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < scopes.size(); i++) {
            ResourceServer.Scope scope = scopes.get(i);
            String at = "scopes." + (i + 1) + ".member.";
            if (scope == null) {
                validation.required("scopes." + (i + 1) + ".member", null);
                continue;
            }
            validation.required(at + "scopeName", scope.scopeName())
                    .length(at + "scopeName", scope.scopeName(), 1, 256)
                    .pattern(at + "scopeName", scope.scopeName(), SCOPE_NAME)
                    .required(at + "scopeDescription", scope.scopeDescription())
                    .length(at + "scopeDescription", scope.scopeDescription(), 1, 256);
            if (scope.scopeName() != null && !names.add(scope.scopeName())) {
                validation.check(false, "Duplicate scope name '" + scope.scopeName() + "' at 'scopes." + (i + 1) + ".member.scopeName'");
            }
        }
        validation.throwIfInvalid();
        return new ResourceServer(request.userPoolId(), request.identifier(), request.name(), scopes);
    }
}
