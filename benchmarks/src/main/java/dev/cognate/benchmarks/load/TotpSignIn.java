package dev.cognate.benchmarks.load;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * sign-in-totp: {@code InitiateAuth USER_PASSWORD_AUTH} answered {@code SOFTWARE_TOKEN_MFA}, then
 * {@code RespondToAuthChallenge SOFTWARE_TOKEN_MFA} with the RFC 6238 code of the current step ({@link Totp}). Set-up, all
 * through the public API as an app would: a pool with MFA OPTIONAL and software-token MFA enabled, a client, and
 * {@code --mfa-users} users per virtual user, each created (SignUp, AdminConfirmSignUp), signed in once for an
 * access token, and given an authenticator (AssociateSoftwareToken, VerifySoftwareToken with a code computed from the
 * secret, SetUserMFAPreference enabled and preferred). Each worker takes its own users in turn ({@link TotpUsers}) so no
 * code is ever refused as a replay.
 */
final class TotpSignIn implements TwoStepSignIn {

    static final String PASSWORD = "Load-Totp-Passw0rd";

    private final CognitoIdentityProviderClient idp;
    private final String clientId;
    private final ConcurrentLinkedQueue<TotpUsers> unclaimed;
    private final List<TotpUsers> rings;
    private final ThreadLocal<TotpUsers> mine;
    /** The worker's next user and code, chosen by {@link #prepare()} outside the timed sign-in. */
    private final ThreadLocal<TotpUsers.Attempt> prepared = new ThreadLocal<>();

    private TotpSignIn(CognitoIdentityProviderClient idp, String clientId, List<TotpUsers> rings) {
        this.idp = idp;
        this.clientId = clientId;
        this.rings = rings;
        this.unclaimed = new ConcurrentLinkedQueue<>(rings);
        this.mine = ThreadLocal.withInitial(() -> {
            TotpUsers ring = unclaimed.poll();
            if (ring == null) {
                throw new IllegalStateException("more workers than TOTP user rings");
            }
            return ring;
        });
    }

    /**
     * @param createdPool called with the pool's id as soon as it exists, so the harness deletes it even if set-up fails
     */
    static TotpSignIn setUp(CognitoIdentityProviderClient idp, String poolName, int virtualUsers, int usersEach,
            Consumer<String> createdPool) {
        String poolId = idp.createUserPool(r -> r.poolName(poolName)).userPool().id();
        createdPool.accept(poolId);
        idp.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .softwareTokenMfaConfiguration(c -> c.enabled(true)));
        String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("load-totp")
                .explicitAuthFlowsWithStrings("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).userPoolClient().clientId();
        System.out.printf(Locale.ROOT, "created user pool %s (MFA OPTIONAL, TOTP); setting up %d users with an authenticator"
                + " (%d per virtual user)...%n", poolId, virtualUsers * usersEach, usersEach);
        long start = System.nanoTime();
        List<TotpUsers> rings = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(virtualUsers, runnable -> {
            Thread thread = new Thread(runnable, "totp-set-up");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<TotpUsers>> futures = new ArrayList<>();
            for (int v = 0; v < virtualUsers; v++) {
                int worker = v;
                futures.add(pool.submit(() -> {
                    List<TotpUsers.User> users = new CopyOnWriteArrayList<>();
                    for (int i = 0; i < usersEach; i++) {
                        users.add(createUser(idp, poolId, clientId, "totp-" + worker + "-" + i));
                    }
                    return new TotpUsers(new ArrayList<>(users), System::currentTimeMillis);
                }));
            }
            for (Future<TotpUsers> future : futures) {
                rings.add(future.get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during set-up", e);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "set up %d TOTP users in %.1f s%n", virtualUsers * usersEach, (System.nanoTime() - start) / 1e9);
        TotpSignIn scenario = new TotpSignIn(idp, clientId, rings);
        scenario.checkOneSignIn(rings.get(0));
        return scenario;
    }

    /**
     * A user with a permanent password and a verified, preferred authenticator. SignUp + AdminConfirmSignUp rather than
     * AdminCreateUser + AdminSetUserPassword: one Argon2id hash instead of two, which halves the set-up's cost.
     */
    private static TotpUsers.User createUser(CognitoIdentityProviderClient idp, String poolId, String clientId, String username) {
        idp.signUp(r -> r.clientId(clientId).username(username).password(PASSWORD));
        idp.adminConfirmSignUp(r -> r.userPoolId(poolId).username(username));
        String accessToken = idp.initiateAuth(r -> r.clientId(clientId).authFlow("USER_PASSWORD_AUTH")
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD))).authenticationResult().accessToken();
        String secret = idp.associateSoftwareToken(r -> r.accessToken(accessToken)).secretCode();
        Totp totp = new Totp(secret);
        long step = Totp.step(System.currentTimeMillis());
        var verified = idp.verifySoftwareToken(r -> r.accessToken(accessToken).userCode(totp.code(step)).friendlyDeviceName("load"));
        if (verified.status() != VerifySoftwareTokenResponseType.SUCCESS) {
            throw new IllegalStateException("VerifySoftwareToken of " + username + " answered " + verified.status());
        }
        idp.setUserMFAPreference(r -> r.accessToken(accessToken).softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        // The verification's step counts as used: the first sign-in must come with a later one.
        return new TotpUsers.User(username, totp, step);
    }

    /** A run whose sign-ins skip the MFA step measures the wrong thing: stop before it starts. */
    private void checkOneSignIn(TotpUsers ring) {
        signIn(ring.next(Long.MAX_VALUE));
        System.out.println("checked: USER_PASSWORD_AUTH answers SOFTWARE_TOKEN_MFA, and its code signs in");
    }

    @Override
    public boolean prepare(long deadlineNanos) {
        long deadlineMillis = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        TotpUsers.Attempt attempt = mine.get().next(deadlineMillis);
        prepared.set(attempt);
        return attempt != null;
    }

    @Override
    public void signIn() {
        TotpUsers.Attempt attempt = prepared.get();
        prepared.remove();
        signIn(attempt != null ? attempt : mine.get().next(Long.MAX_VALUE));
    }

    private void signIn(TotpUsers.Attempt attempt) {
        String username = attempt.user().username;
        InitiateAuthResponse first = idp.initiateAuth(r -> r.clientId(clientId).authFlow("USER_PASSWORD_AUTH")
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD)));
        if (first.challengeName() != ChallengeNameType.SOFTWARE_TOKEN_MFA) {
            throw new IllegalStateException("expected SOFTWARE_TOKEN_MFA, got " + first.challengeNameAsString());
        }
        var tokens = idp.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                .session(first.session()).challengeResponses(Map.of("USERNAME", username, "SOFTWARE_TOKEN_MFA_CODE", attempt.code())))
                .authenticationResult();
        if (tokens == null || tokens.accessToken() == null) {
            throw new IllegalStateException("SOFTWARE_TOKEN_MFA answered no tokens");
        }
    }

    @Override
    public void measureFrom(long nanoTime) {
        // Nothing of its own to measure: the harness times the sign-ins.
    }

    @Override
    public void report(PrintStream out) {
        long waits = rings.stream().mapToLong(TotpUsers::waits).sum();
        out.printf(Locale.ROOT, "TOTP users   %d per virtual user; %d waits for the next 30 s step (all users of a worker had"
                + " signed in during the step)%s%n", rings.get(0).size(), waits, waits == 0 ? "" : ": raise --mfa-users");
    }

    @Override
    public void close() {
        // nothing held
    }
}
