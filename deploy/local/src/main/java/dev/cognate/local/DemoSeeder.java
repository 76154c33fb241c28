package dev.cognate.local;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * Seeds the demo through the public Cognito API with the AWS SDK, as a user's own code would: a user pool named
 * {@value #POOL_NAME}, an app client and a user with a permanent password. Every step reuses what an earlier run
 * created. A step whose action user-pool-service does not implement yet ({@code UnknownOperationException}) is skipped,
 * so the demo grows by itself as the service does; any other failure is reported and leaves that part out.
 */
final class DemoSeeder implements AutoCloseable {

    static final String POOL_NAME = "cognate-demo";
    static final String CLIENT_NAME = "cognate-demo-app";
    static final String USERNAME = "demo";
    static final String USER_EMAIL = "demo@example.com";
    /** Where the hosted UI sends the browser after sign-in; nothing needs to listen there to see the code. */
    static final String CALLBACK_URL = "http://localhost:3000/callback";
    static final String DOMAIN = "cognate-demo";
    /**
     * The demo client has no secret, so its authorization requests need PKCE: the summary's sign-in link carries the
     * challenge of this fixed verifier, and its curl line the verifier. Fine for a laptop demo, never for an app.
     */
    static final String PKCE_VERIFIER = "cognate-demo-pkce-verifier-for-the-local-stack-only";
    private static final String UNKNOWN_OPERATION = "UnknownOperationException";

    private final CognitoIdentityProviderClient cognito;

    DemoSeeder(URI endpoint, String region, LocalCredentials credentials) {
        this.cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        credentials.operatorAccessKeyId(), credentials.operatorSecretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /** Returns the demo as far as it could be set up, or empty when not even the user pool could. */
    Optional<StackDescription.Demo> seed(String password) {
        Optional<String> userPoolId = attempt("the demo user pool", this::findOrCreatePool);
        if (userPoolId.isEmpty()) {
            return Optional.empty();
        }
        String poolId = userPoolId.get();
        String clientId = attempt("the demo app client", () -> findOrCreateClient(poolId)).orElse(null);
        attempt("the demo login domain", () -> findOrCreateDomain(poolId));
        String username = attempt("the demo user", () -> createUserWithPassword(poolId, password))
                .orElse(null);
        return Optional.of(new StackDescription.Demo(poolId, clientId, username, username == null ? null : password));
    }

    private String findOrCreatePool() {
        Optional<String> existing = cognito.listUserPoolsPaginator(request -> request.maxResults(60)).userPools()
                .stream()
                .filter(pool -> POOL_NAME.equals(pool.name()))
                .map(UserPoolDescriptionType::id)
                .findFirst();
        if (existing.isPresent()) {
            Console.info("Reusing demo user pool %s (%s)", existing.get(), POOL_NAME);
            return existing.get();
        }
        String created = cognito.createUserPool(request -> request
                .poolName(POOL_NAME)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool().id();
        Console.info("Created demo user pool %s (%s)", created, POOL_NAME);
        return created;
    }

    private String findOrCreateClient(String userPoolId) {
        Optional<String> existing;
        try {
            existing = cognito.listUserPoolClientsPaginator(request -> request.userPoolId(userPoolId).maxResults(60))
                    .userPoolClients().stream()
                    .filter(client -> CLIENT_NAME.equals(client.clientName()))
                    .map(UserPoolClientDescription::clientId)
                    .findFirst();
        } catch (CognitoIdentityProviderException e) {
            if (!isUnknownOperation(e)) {
                throw e;
            }
            existing = Optional.empty(); // Nothing to reuse; whether clients can be created is for the next call.
        }
        if (existing.isPresent()) {
            return existing.get();
        }
        String created = cognito.createUserPoolClient(request -> request
                .userPoolId(userPoolId)
                .clientName(CLIENT_NAME)
                .generateSecret(false)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                        ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .allowedOAuthFlowsUserPoolClient(true)
                .allowedOAuthFlows(OAuthFlowType.CODE)
                .allowedOAuthScopes("openid", "email", "profile")
                .callbackURLs(CALLBACK_URL)
                .logoutURLs(CALLBACK_URL)
                .supportedIdentityProviders("COGNITO"))
                .userPoolClient().clientId();
        Console.info("Created demo app client %s (%s)", created, CLIENT_NAME);
        return created;
    }

    /**
     * The pool's prefix domain {@value #DOMAIN}, so that its discovery document names the hosted login's
     * authorization and logout endpoints ({@code http://cognate-demo.auth.<region>.localhost:8082}). A domain held by
     * another pool (an earlier demo whose data was kept elsewhere) is left alone.
     */
    private String findOrCreateDomain(String userPoolId) {
        String owner = cognito.describeUserPoolDomain(request -> request.domain(DOMAIN)).domainDescription().userPoolId();
        if (owner == null) {
            cognito.createUserPoolDomain(request -> request.userPoolId(userPoolId).domain(DOMAIN));
            Console.info("Created demo login domain %s", DOMAIN);
        } else if (!owner.equals(userPoolId)) {
            Console.warn("The login domain %s belongs to pool %s: the demo pool's discovery names no login endpoints", DOMAIN, owner);
        }
        return DOMAIN;
    }

    /** Creates the user unless it exists, then (re)sets its password, so the stored one always works. */
    private String createUserWithPassword(String userPoolId, String password) {
        try {
            cognito.adminCreateUser(request -> request
                    .userPoolId(userPoolId)
                    .username(USERNAME)
                    .temporaryPassword(password)
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(attribute("email", USER_EMAIL), attribute("email_verified", "true")));
            Console.info("Created demo user %s", USERNAME);
        } catch (UsernameExistsException e) {
            // Created by an earlier run.
        }
        cognito.adminSetUserPassword(request -> request
                .userPoolId(userPoolId)
                .username(USERNAME)
                .password(password)
                .permanent(true));
        return USERNAME;
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /** Runs one step; a failure is reported and leaves that part of the demo out instead of failing the stack. */
    private static <T> Optional<T> attempt(String what, Supplier<T> step) {
        try {
            return Optional.of(step.get());
        } catch (CognitoIdentityProviderException e) {
            if (isUnknownOperation(e)) {
                Console.info("Skipping %s: user-pool-service does not implement it yet (%s: %s)", what,
                        UNKNOWN_OPERATION, e.awsErrorDetails().errorMessage());
            } else {
                Console.warn("Could not set up %s: %s", what, e.getMessage());
            }
        } catch (SdkException e) {
            Console.warn("Could not set up %s: %s", what, e.getMessage());
        }
        return Optional.empty();
    }

    private static boolean isUnknownOperation(CognitoIdentityProviderException e) {
        return e.awsErrorDetails() != null && UNKNOWN_OPERATION.equals(e.awsErrorDetails().errorCode());
    }

    @Override
    public void close() {
        cognito.close();
    }

    /** BASE64URL(SHA-256(PKCE_VERIFIER)), the S256 code challenge of the demo sign-in link. */
    static String pkceChallenge() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(PKCE_VERIFIER.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
