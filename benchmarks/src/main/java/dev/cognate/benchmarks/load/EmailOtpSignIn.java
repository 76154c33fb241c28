package dev.cognate.benchmarks.load;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * sign-in-email-otp: {@code InitiateAuth USER_AUTH} with {@code PREFERRED_CHALLENGE EMAIL_OTP} (answered {@code EMAIL_OTP}),
 * the code read from the mail as it lands in the local stack's mail directory ({@link MailCodes}), then
 * {@code RespondToAuthChallenge EMAIL_OTP} with {@code EMAIL_OTP_CODE}. The path is the real one: user-pool-service puts a
 * sealed-code message request in its outbox, trigger-runner consumes it from Kafka, renders the template and writes the
 * mail. One user (with a verified email of its own) per virtual user, so each worker waits for its own mail only.
 *
 * <p>The harness times the whole sign-in, mail delivery included (what a user waits); this class also times the two API
 * calls alone and the delivery alone, printed by {@link #report}.
 */
final class EmailOtpSignIn implements TwoStepSignIn {

    private final CognitoIdentityProviderClient idp;
    private final String clientId;
    private final MailCodes mail;
    private final Duration mailTimeout;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextUser = new AtomicInteger();
    private final int users;
    private final String runId;
    private final ThreadLocal<Worker> mine;
    private volatile long measureFrom = Long.MIN_VALUE;

    /** One virtual user: its user, its queue of mailed codes, and what it measured. */
    private final class Worker {
        final String username;
        final BlockingQueue<String> codes;
        final LongList api = new LongList();
        final LongList delivery = new LongList();

        Worker(int index) {
            this.username = username(index);
            this.codes = mail.queue(email(runId, index));
        }
    }

    private EmailOtpSignIn(CognitoIdentityProviderClient idp, String clientId, MailCodes mail, Duration mailTimeout, int users,
            String runId) {
        this.idp = idp;
        this.clientId = clientId;
        this.mail = mail;
        this.mailTimeout = mailTimeout;
        this.users = users;
        this.runId = runId;
        this.mine = ThreadLocal.withInitial(() -> {
            int index = nextUser.getAndIncrement();
            if (index >= this.users) {
                throw new IllegalStateException("more workers than email OTP users");
            }
            Worker worker = new Worker(index);
            workers.add(worker);
            return worker;
        });
    }

    static String username(int index) {
        return "otp-" + index;
    }

    static String email(String runId, int index) {
        return "load-otp-" + runId + "-" + index + "@example.com";
    }

    /**
     * @param createdPool called with the pool's id as soon as it exists, so the harness deletes it even if set-up fails
     */
    static EmailOtpSignIn setUp(CognitoIdentityProviderClient idp, String poolName, String runId, int virtualUsers,
            Path mailDirectory, Duration mailTimeout, Consumer<String> createdPool) {
        String poolId = idp.createUserPool(r -> r.poolName(poolName)
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("PASSWORD", "EMAIL_OTP")))).userPool().id();
        createdPool.accept(poolId);
        String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("load-email-otp")
                .explicitAuthFlowsWithStrings("ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).userPoolClient().clientId();
        for (int i = 0; i < virtualUsers; i++) {
            String username = username(i);
            String email = email(runId, i);
            idp.adminCreateUser(r -> r.userPoolId(poolId).username(username).temporaryPassword("Load-Otp-Passw0rd")
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(AttributeType.builder().name("email").value(email).build(),
                            AttributeType.builder().name("email_verified").value("true").build()));
            idp.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password("Load-Otp-Passw0rd").permanent(true));
        }
        MailCodes mail = new MailCodes(mailDirectory, poolId);
        EmailOtpSignIn scenario = new EmailOtpSignIn(idp, clientId, mail, mailTimeout, virtualUsers, runId);
        System.out.printf(Locale.ROOT, "created user pool %s (first factors PASSWORD, EMAIL_OTP), a client and %d users; codes"
                + " read from the mails in %s%n", poolId, virtualUsers, mailDirectory);
        try {
            scenario.signIn();
        } catch (RuntimeException e) {
            scenario.close();
            throw new IllegalStateException("the set-up sign-in failed (is " + mailDirectory + " where trigger-runner writes the"
                    + " mail? --mail-dir): " + e.getMessage(), e);
        }
        System.out.println("checked: USER_AUTH with PREFERRED_CHALLENGE EMAIL_OTP answers EMAIL_OTP, and the mailed code signs in");
        // The set-up thread's worker (user 0) goes to the first measuring worker.
        scenario.nextUser.set(0);
        scenario.workers.clear();
        scenario.mine.remove();
        return scenario;
    }

    @Override
    public void signIn() {
        Worker worker = mine.get();
        worker.codes.clear(); // a late mail of an earlier, failed sign-in is not this one's code
        long t0 = System.nanoTime();
        InitiateAuthResponse first = idp.initiateAuth(r -> r.clientId(clientId).authFlow("USER_AUTH")
                .authParameters(Map.of("USERNAME", worker.username, "PREFERRED_CHALLENGE", "EMAIL_OTP")));
        if (first.challengeName() != ChallengeNameType.EMAIL_OTP) {
            throw new IllegalStateException("expected EMAIL_OTP, got " + first.challengeNameAsString());
        }
        long t1 = System.nanoTime();
        String code;
        try {
            code = worker.codes.poll(mailTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the mail", e);
        }
        if (code == null) {
            throw new IllegalStateException("no mail with a code for " + worker.username + " within " + mailTimeout.toMillis() + " ms");
        }
        long t2 = System.nanoTime();
        var tokens = idp.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.EMAIL_OTP)
                .session(first.session()).challengeResponses(Map.of("USERNAME", worker.username, "EMAIL_OTP_CODE", code)))
                .authenticationResult();
        long t3 = System.nanoTime();
        if (tokens == null || tokens.accessToken() == null) {
            throw new IllegalStateException("EMAIL_OTP answered no tokens");
        }
        if (t0 - measureFrom >= 0) {
            worker.api.add((t1 - t0) + (t3 - t2));
            worker.delivery.add(t2 - t1);
        }
    }

    @Override
    public void measureFrom(long nanoTime) {
        measureFrom = nanoTime;
    }

    @Override
    public void report(PrintStream out) {
        LatencySummary api = LatencySummary.of(LongList.concat(workers.stream().map(w -> w.api).toList()));
        LatencySummary delivery = LatencySummary.of(LongList.concat(workers.stream().map(w -> w.delivery).toList()));
        out.printf(Locale.ROOT, "the two API calls alone (ok) p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n",
                api.p50() / 1e6, api.p90() / 1e6, api.p99() / 1e6, api.max() / 1e6);
        out.printf(Locale.ROOT, "mail delivery (InitiateAuth's answer → code read from the file) p50 %.2f ms  p90 %.2f ms"
                + "  p99 %.2f ms  max %.2f ms%n", delivery.p50() / 1e6, delivery.p90() / 1e6, delivery.p99() / 1e6, delivery.max() / 1e6);
        if (mail.overflows() > 0) {
            out.printf(Locale.ROOT, "WARNING: the mail directory's watch queue overflowed %d times: codes were missed%n", mail.overflows());
        }
    }

    @Override
    public void close() {
        mail.close();
    }
}
