package dev.cognate.userpool.domain;

import java.util.List;

/** An OAuth 2.0 resource server of a pool and the custom scopes it defines ({@code <identifier>/<scopeName>}). */
public record ResourceServer(String userPoolId, String identifier, String name, List<Scope> scopes) {

    public ResourceServer {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** {@code ResourceServerScopeType}. */
    public record Scope(String scopeName, String scopeDescription) {
    }

    /** The scope strings clients may be given: {@code <identifier>/<scopeName>}. */
    public List<String> qualifiedScopes() {
        return scopes.stream().map(scope -> identifier + "/" + scope.scopeName()).toList();
    }
}
