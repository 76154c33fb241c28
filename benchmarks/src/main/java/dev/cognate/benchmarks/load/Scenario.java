package dev.cognate.benchmarks.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What each request of a run does. */
public enum Scenario {
    /** DescribeUserPool of one pool the harness creates first (and deletes at the end). */
    DESCRIBE_USER_POOL("describe-user-pool", false),
    /**
     * AdminCreateUser with a new username and a given temporary password (MessageAction SUPPRESS) in one pool
     * the harness creates first and deletes at the end: an Argon2id hash and four rows per call.
     */
    ADMIN_CREATE_USER("admin-create-user", false),
    /** ListUserPools with MaxResults 60. */
    LIST_USER_POOLS("list-user-pools", false),
    /** CreateUserPool with a new name each time; every pool created is deleted at the end, outside the measurement. */
    CREATE_USER_POOL("create-user-pool", false),
    /** ListIdentityPools with MaxResults 60, against identity-pool-service. */
    LIST_IDENTITY_POOLS("list-identity-pools", true),
    /**
     * GetId (unsigned) with the ID token of one user signed in at set-up, in an identity pool trusting its user pool:
     * the token's verification (RS256 against the issuer's cached JWKS) and the lookup of the user's identity.
     */
    GET_ID("get-id", true),
    /**
     * GetCredentialsForIdentity (unsigned) for that identity and token: the token's verification, role resolution
     * through a Rules mapping, and minting (access key, secret, a session token sealed with AES-256-GCM).
     */
    GET_CREDENTIALS_FOR_IDENTITY("get-credentials-for-identity", true),
    /** STS GetCallerIdentity signed with credentials vended at set-up: opening the session token and SigV4 verification. */
    GET_CALLER_IDENTITY("get-caller-identity", true),
    /** ListUsers with {@code email = "user<random>@example.com"} in a pool filled by {@link SeedUsers} ({@code --pool}, {@code --users}). */
    LIST_USERS_EXACT("list-users-exact", false),
    /** ListUsers with {@code family_name ^= "Family<random>"}, Limit 60, in a pool filled by {@link SeedUsers}. */
    LIST_USERS_PREFIX("list-users-prefix", false),
    /**
     * InitiateAuth USER_PASSWORD_AUTH of one user (permanent password) in a pool and client the harness creates first:
     * an Argon2id verification, a refresh-token family and two RS256 signatures per call.
     */
    INITIATE_AUTH_PASSWORD("initiate-auth-password", false),
    /** USER_SRP_AUTH: InitiateAuth then RespondToAuthChallenge PASSWORD_VERIFIER (two requests, measured as one sign-in). */
    INITIATE_AUTH_SRP("initiate-auth-srp", false),
    /** InitiateAuth REFRESH_TOKEN_AUTH with the refresh token of one sign-in made at set-up. */
    REFRESH_TOKEN("refresh-token", false),
    /** GetUser with the access token of one sign-in made at set-up (signature, revocation check, user row). */
    GET_USER("get-user", false),
    /**
     * POST /oauth2/token grant_type=authorization_code with PKCE, each request redeeming one of the codes written to Redis
     * at set-up as hosted-ui-service writes them ({@code --redis}): GETDEL, PKCE, a refresh family and two signatures.
     */
    TOKEN_AUTHORIZATION_CODE("token-authorization-code", false),
    /** POST /oauth2/token grant_type=refresh_token (a public client) with the refresh token of one sign-in made at set-up. */
    TOKEN_REFRESH("token-refresh", false),
    /** POST /oauth2/token grant_type=client_credentials, HTTP Basic, one custom scope: a secret check and one signature. */
    TOKEN_CLIENT_CREDENTIALS("token-client-credentials", false),
    /** GET /{poolId}/.well-known/openid-configuration. */
    DISCOVERY("discovery", false),
    /** GET /{poolId}/.well-known/jwks.json. */
    JWKS("jwks", false),
    /**
     * GET /oauth2/userInfo with the access token (scope openid) of a code redeemed at set-up: the token verified as for
     * GetUser (signature, revocation) and the user's attributes read.
     */
    USERINFO("userinfo", false),
    /**
     * InitiateAuth USER_PASSWORD_AUTH as {@link #INITIATE_AUTH_PASSWORD}, in a pool whose LambdaConfig.PreTokenGeneration
     * is a function on loopback ({@link LoopbackFunction}) that adds a claim: the same sign-in plus one trigger call.
     */
    SIGN_IN_PRE_TOKEN_GENERATION("sign-in-pre-token-generation", false),
    /**
     * InitiateAuth REFRESH_TOKEN_AUTH as {@link #REFRESH_TOKEN}, in that pool: the trigger runs on refreshes too
     * ({@code TokenGeneration_RefreshTokens}), and without Argon2id in the way its cost shows.
     */
    REFRESH_PRE_TOKEN_GENERATION("refresh-pre-token-generation", false),
    /**
     * trigger-runner's internal invoke API directly ({@code --endpoint}, default the local stack's internal port 8094):
     * one PreTokenGeneration call of a function on loopback, signed, through the egress guard, its answer read.
     */
    TRIGGER_INVOKE("trigger-invoke", false),
    /**
     * A sign-in with TOTP MFA ({@link TotpSignIn}): InitiateAuth USER_PASSWORD_AUTH, then RespondToAuthChallenge
     * SOFTWARE_TOKEN_MFA with the RFC 6238 code; {@code --mfa-users} users per virtual user so no code is a replay.
     */
    SIGN_IN_TOTP("sign-in-totp", false),
    /**
     * A passwordless sign-in ({@link EmailOtpSignIn}): InitiateAuth USER_AUTH with PREFERRED_CHALLENGE EMAIL_OTP, the code
     * read from the mail file trigger-runner writes ({@code --mail-dir}), then RespondToAuthChallenge EMAIL_OTP.
     */
    SIGN_IN_EMAIL_OTP("sign-in-email-otp", false);

    private final String cliName;
    private final boolean identityPoolService;

    Scenario(String cliName, boolean identityPoolService) {
        this.cliName = cliName;
        this.identityPoolService = identityPoolService;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether the scenario talks to identity-pool-service (Cognito Identity) rather than user-pool-service. */
    public boolean identityPoolService() {
        return identityPoolService;
    }

    /** Whether the scenario needs a user signed in to a user pool and an identity pool trusting it ({@link IdentityFlow}). */
    public boolean identityFlow() {
        return this == GET_ID || this == GET_CREDENTIALS_FOR_IDENTITY || this == GET_CALLER_IDENTITY;
    }

    /** Whether the scenario reads a pool seeded beforehand (needs {@code --pool} and {@code --users}). */
    public boolean seededPool() {
        return this == LIST_USERS_EXACT || this == LIST_USERS_PREFIX;
    }

    /** Whether the scenario signs in: the harness creates a pool, an app client and a user first. */
    public boolean signIn() {
        return this == INITIATE_AUTH_PASSWORD || this == INITIATE_AUTH_SRP || this == REFRESH_TOKEN || this == GET_USER
                || this == SIGN_IN_PRE_TOKEN_GENERATION || this == REFRESH_PRE_TOKEN_GENERATION;
    }

    /** Whether the scenario's pool has LambdaConfig.PreTokenGeneration set to the harness's {@link LoopbackFunction}. */
    public boolean preTokenGeneration() {
        return this == SIGN_IN_PRE_TOKEN_GENERATION || this == REFRESH_PRE_TOKEN_GENERATION;
    }

    /** Whether the scenario runs a trigger against the harness's own {@link LoopbackFunction}. */
    public boolean loopbackFunction() {
        return preTokenGeneration() || this == TRIGGER_INVOKE;
    }

    /**
     * Whether the scenario calls trigger-runner's internal API rather than a public Cognito API: its endpoint is then the
     * internal port, and user-pool-service (for the pool whose secret signs the calls) is {@code --user-pool-endpoint}.
     */
    public boolean triggerRunnerInternal() {
        return this == TRIGGER_INVOKE;
    }

    /** Whether the scenario calls the OAuth 2.0 / OIDC endpoints over plain HTTP rather than the Cognito API. */
    public boolean oauth() {
        return this == TOKEN_AUTHORIZATION_CODE || this == TOKEN_REFRESH || this == TOKEN_CLIENT_CREDENTIALS || this == DISCOVERY
                || this == JWKS || this == USERINFO;
    }

    /**
     * Whether the light client ({@code --client wrk}) runs the scenario: one HTTP request with no signature, so a Lua script
     * of benchmarks/wrk can send it.
     */
    public boolean wrk() {
        return oauth() || this == GET_USER || this == INITIATE_AUTH_PASSWORD || this == REFRESH_TOKEN;
    }

    /** Whether one measured request is a whole two-step sign-in with a code ({@link TwoStepSignIn}). */
    public boolean twoStepSignIn() {
        return this == SIGN_IN_TOTP || this == SIGN_IN_EMAIL_OTP;
    }

    public static Scenario fromCliName(String name) {
        for (Scenario scenario : values()) {
            if (scenario.cliName.equals(name)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "': expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining("|"));
    }
}
