package dev.cognate.benchmarks.load;

import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRule;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRuleMatchType;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.net.URI;
import java.util.Map;

/**
 * What the identity scenarios (get-id, get-credentials-for-identity, get-caller-identity) run against, set up through
 * the public APIs as an app's back office would: a user pool with a client and one user signed in by
 * {@code USER_PASSWORD_AUTH} (its ID token is the login of every request), an identity pool trusting that client, with
 * an authenticated role and a {@code Rules} mapping on the {@code email} claim that matches the user, the user's
 * identity, and one set of credentials vended for it.
 *
 * @param providerName the user pool's login provider name, {@code host:port/poolId} of its issuer
 */
record IdentityFlow(String userPoolId, String identityPoolId, String providerName, String idToken, String identityId,
                    Credentials credentials) {

    static final String EMAIL = "load-identity@example.com";
    static final String AUTHENTICATED_ROLE = "arn:aws:iam::000000000000:role/cognate-load-authenticated";
    static final String MAPPED_ROLE = "arn:aws:iam::000000000000:role/cognate-load-mapped";

    Map<String, String> logins() {
        return Map.of(providerName, idToken);
    }

    /**
     * @param createdUserPool called with the user pool's id as soon as it exists, so the harness deletes it even if a
     *                        later step fails
     */
    static IdentityFlow setUp(CognitoIdentityProviderClient idp, URI userPoolEndpoint, CognitoIdentityClient identity,
            String runId, java.util.function.Consumer<String> createdUserPool, java.util.function.Consumer<String> createdIdentityPool) {
        String userPoolId = idp.createUserPool(r -> r.poolName("cognate-load-" + runId + "-identity")).userPool().id();
        createdUserPool.accept(userPoolId);
        String clientId = idp.createUserPoolClient(r -> r.userPoolId(userPoolId).clientName("load-identity")
                .explicitAuthFlowsWithStrings("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).userPoolClient().clientId();
        String password = "Load-Identity-Passw0rd";
        idp.adminCreateUser(r -> r.userPoolId(userPoolId).username(EMAIL).temporaryPassword(password)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value(EMAIL).build(),
                        AttributeType.builder().name("email_verified").value("true").build()));
        idp.adminSetUserPassword(r -> r.userPoolId(userPoolId).username(EMAIL).password(password).permanent(true));
        String idToken = idp.initiateAuth(r -> r.clientId(clientId).authFlow("USER_PASSWORD_AUTH")
                .authParameters(Map.of("USERNAME", EMAIL, "PASSWORD", password))).authenticationResult().idToken();

        String provider = userPoolEndpoint.getAuthority() + "/" + userPoolId;
        String identityPoolId = identity.createIdentityPool(r -> r.identityPoolName("cognate_load_" + runId)
                .allowUnauthenticatedIdentities(false)
                .cognitoIdentityProviders(p -> p.providerName(provider).clientId(clientId))).identityPoolId();
        createdIdentityPool.accept(identityPoolId);
        identity.setIdentityPoolRoles(r -> r.identityPoolId(identityPoolId).roles(Map.of("authenticated", AUTHENTICATED_ROLE))
                .roleMappings(Map.of(provider, RoleMapping.builder().type("Rules").ambiguousRoleResolution("AuthenticatedRole")
                        .rulesConfiguration(c -> c.rules(MappingRule.builder().claim("email").matchType(MappingRuleMatchType.EQUALS)
                                .value(EMAIL).roleARN(MAPPED_ROLE).build())).build())));
        Map<String, String> logins = Map.of(provider, idToken);
        String identityId = identity.getId(r -> r.identityPoolId(identityPoolId).logins(logins)).identityId();
        Credentials credentials = identity.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins)).credentials();
        return new IdentityFlow(userPoolId, identityPoolId, provider, idToken, identityId, credentials);
    }
}
