package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.metrics.AuthMetrics;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.token.RefreshTokens;
import dev.cognate.userpool.token.TokenIssuer;
import dev.cognate.userpool.trigger.PreTokenGenerationTrigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code REFRESH_TOKEN_AUTH} (and {@code REFRESH_TOKEN}), from InitiateAuth or AdminInitiateAuth, and
 * GetTokensFromRefreshToken ({@link #refresh}): new ID and access
 * tokens in the refresh token's family, with the original {@code auth_time} and the family's scopes (those of the OAuth
 * grant that opened it; {@code aws.cognito.signin.user.admin} for the API's). A new refresh token only when the client
 * rotates them; a replaced token presented again revokes its family (committed before the refusal).
 */
@ApplicationScoped
public class RefreshTokenAuthFlow implements AuthFlowHandler {

    private final Pool db;
    private final RefreshTokens refreshTokens;
    private final UserRepository users;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final AuthMetrics metrics;
    private final RememberedDevices devices;

    public RefreshTokenAuthFlow(Pool db, RefreshTokens refreshTokens, UserRepository users, TokenIssuer issuer, Clock clock, AuthMetrics metrics,
                                RememberedDevices devices) {
        this.devices = devices;
        this.metrics = metrics;
        this.db = db;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public List<String> flows() {
        return List.of("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN");
    }

    @Override
    public boolean servedBy(boolean adminCall) {
        return true;
    }

    @Override
    public List<String> allowedBy() {
        return List.of("ALLOW_REFRESH_TOKEN_AUTH");
    }

    @Override
    public boolean legacyAllowed() {
        return true;
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context) {
        return refresh(context, AuthParameters.require(context, "REFRESH_TOKEN"));
    }

    /**
     * The usernames a SECRET_HASH of this refresh may be computed over. The request carries no USERNAME, so Cognito
     * computes it over the refresh token's user — its {@code username} as stored, which is the {@code sub} in pools
     * whose users sign in with their email address or phone number — or over USERNAME when the caller sends one.
     * An unknown token has no user: only USERNAME (the refresh then fails on the token itself).
     */
    public Uni<List<String>> secretHashUsernames(AuthContext context) {
        String given = context.parameter("USERNAME");
        return refreshTokens.owner(db, context.client(), context.parameter("REFRESH_TOKEN"))
                .chain(owner -> owner.isEmpty() ? Uni.createFrom().item(Optional.<User>empty())
                        : users.findBySub(db, context.pool().id(), owner.get(), false))
                .map(user -> {
                    List<String> usernames = new ArrayList<>();
                    user.ifPresent(found -> usernames.add(found.username()));
                    if (given != null) {
                        usernames.add(given);
                    }
                    return usernames;
                });
    }

    /**
     * The one refresh of this service: REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken both come here. The token is
     * checked first, then the PreTokenGeneration trigger runs ({@code TokenGeneration_RefreshTokens}), and only then is the
     * token redeemed (replaced, when the client rotates): a failing function leaves the refresh token as it was.
     */
    public Uni<AuthResponse> refresh(AuthContext context, String token) {
        return refreshTokens.peek(db, context.client(), token, clock.instant())
                .chain(peeked -> {
                    if (peeked.reused()) {
                        return redeem(context, token).chain(ignored -> Uni.createFrom().<AuthResponse>failure(RefreshTokens.revoked()));
                    }
                    return users.findBySub(db, context.pool().id(), peeked.sub(), false)
                            .map(found -> found.orElseThrow(RefreshTokens::invalid))
                            .invoke(RefreshTokenAuthFlow::checkEnabled)
                            // the family's device (DEVICE_KEY checked against it) stays in the new access token
                            .chain(user -> devices.ofRefresh(context, peeked.familyId())
                                    .chain(deviceKey -> issuer.prepare(context.client(), user, peeked.authTime(),
                                                    TokenIssuer.Authorization.ofFamily(peeked.scopes()), PreTokenGenerationTrigger.Source.REFRESH_TOKENS,
                                                    context.clientMetadata())
                                            .chain(prepared -> redeem(context, token, peeked)
                                                    .chain(redeemed -> issuer.sign(prepared, redeemed.familyId(), deviceKey)
                                                            .map(minted -> AuthResponse.tokens(minted, redeemed.replacement()))))))
                            .invoke(() -> metrics.tokensIssued(context.authFlow()));
                });
    }

    /**
     * The token redeemed for good. A client that does not rotate its refresh tokens changes nothing on a refresh: what
     * {@code peek} read (not revoked, not expired, not a replaced token) is the answer, without a transaction or a lock on
     * the family — so concurrent refreshes of one family no longer queue. A revocation that commits between that read and
     * the signatures orders after this refresh, as if it had come a moment later: the access token just minted is refused
     * from then on anyway (its family is revoked). A rotating client redeems under the family's lock, below.
     */
    private Uni<RefreshTokens.Redeemed> redeem(AuthContext context, String token, RefreshTokens.Redeemed peeked) {
        if (!context.client().config().refreshTokenRotation()) {
            return Uni.createFrom().item(peeked);
        }
        return redeem(context, token);
    }

    /** The token redeemed for good; a reuse found now (a concurrent refresh) revokes the family, committed before the refusal. */
    private Uni<RefreshTokens.Redeemed> redeem(AuthContext context, String token) {
        return db.withTransaction(tx -> refreshTokens.redeem(tx, context.client(), token, clock.instant()))
                .invoke(redeemed -> {
                    if (redeemed.reused()) {
                        throw RefreshTokens.revoked();
                    }
                });
    }

    private static void checkEnabled(User user) {
        if (!user.enabled()) {
            throw new CognitoException("NotAuthorizedException", "User is disabled.");
        }
    }
}
