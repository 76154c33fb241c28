package dev.cognate.local;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.IdentityPoolShortDescription;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRule;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRuleMatchType;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;

/**
 * Seeds the demo identity pool {@value #POOL_NAME} through the public Cognito Identity API, as a user's own code
 * would: it trusts the demo user pool's app client (provider name derived from the user pool's issuer,
 * {@code localhost:8081/<userPoolId>}), has no guests, and two roles chosen by a {@code Rules} mapping: a user whose
 * {@code email} claim equals {@value #MAPPED_EMAIL} (the demo user) gets {@link #MAPPED_ROLE}, anyone else who signs in
 * to the demo pool {@link #AUTHENTICATED_ROLE}. Found by name and brought back to exactly this configuration on every
 * start (a full-replacement {@code UpdateIdentityPool} and {@code SetIdentityPoolRoles}), so a pool edited by hand or
 * pointing at an older demo user pool is repaired. A failure is reported and leaves the identity pool out of the demo.
 */
final class DemoIdentityPoolSeeder implements AutoCloseable {

    /** Identity pool names allow word characters and spaces, not hyphens. */
    static final String POOL_NAME = "cognate_demo";
    static final String ACCOUNT = "000000000000";
    static final String AUTHENTICATED_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/cognate-demo-authenticated";
    static final String MAPPED_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/cognate-demo-user";
    static final String MAPPED_EMAIL = DemoSeeder.USER_EMAIL;

    private final CognitoIdentityClient identity;

    DemoIdentityPoolSeeder(URI endpoint, String region, LocalCredentials credentials) {
        this.identity = CognitoIdentityClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        credentials.operatorAccessKeyId(), credentials.operatorSecretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /**
     * The login provider name of a user pool for identity pools: its issuer without the scheme, as Cognito derives
     * {@code cognito-idp.<region>.amazonaws.com/<poolId>} from its own issuer.
     */
    static String providerName(String userPoolBaseUrl, String userPoolId) {
        return URI.create(userPoolBaseUrl).getAuthority() + "/" + userPoolId;
    }

    /** Returns the demo identity pool's id, or empty when it could not be set up (the reason is printed). */
    Optional<String> seed(String userPoolBaseUrl, String userPoolId, String clientId) {
        String provider = providerName(userPoolBaseUrl, userPoolId);
        try {
            String poolId = createOrUpdate(provider, clientId);
            identity.setIdentityPoolRoles(request -> request
                    .identityPoolId(poolId)
                    .roles(Map.of("authenticated", AUTHENTICATED_ROLE))
                    .roleMappings(Map.of(provider, RoleMapping.builder()
                            .type("Rules")
                            .ambiguousRoleResolution("AuthenticatedRole")
                            .rulesConfiguration(rules -> rules.rules(MappingRule.builder()
                                    .claim("email")
                                    .matchType(MappingRuleMatchType.EQUALS)
                                    .value(MAPPED_EMAIL)
                                    .roleARN(MAPPED_ROLE)
                                    .build()))
                            .build())));
            return Optional.of(poolId);
        } catch (SdkException e) {
            Console.warn("Could not set up the demo identity pool: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private String createOrUpdate(String provider, String clientId) {
        CognitoIdentityProvider trusted = CognitoIdentityProvider.builder()
                .providerName(provider)
                .clientId(clientId)
                .serverSideTokenCheck(false)
                .build();
        Optional<String> existing = identity.listIdentityPoolsPaginator(request -> request.maxResults(60)).identityPools()
                .stream()
                .filter(pool -> POOL_NAME.equals(pool.identityPoolName()))
                .map(IdentityPoolShortDescription::identityPoolId)
                .findFirst();
        if (existing.isPresent()) {
            identity.updateIdentityPool(request -> request
                    .identityPoolId(existing.get())
                    .identityPoolName(POOL_NAME)
                    .allowUnauthenticatedIdentities(false)
                    .cognitoIdentityProviders(trusted));
            Console.info("Reusing demo identity pool %s (%s)", existing.get(), POOL_NAME);
            return existing.get();
        }
        String created = identity.createIdentityPool(request -> request
                .identityPoolName(POOL_NAME)
                .allowUnauthenticatedIdentities(false)
                .cognitoIdentityProviders(trusted))
                .identityPoolId();
        Console.info("Created demo identity pool %s (%s)", created, POOL_NAME);
        return created;
    }

    @Override
    public void close() {
        identity.close();
    }
}
