package dev.cognate.hostedui.service;

import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.hostedui.config.HostedUiConfig;
import dev.cognate.hostedui.oauth.AuthorizationRequest;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Issues authorization codes: {@code SET cognate:oauth-code:<sha256(code)> <grant JSON> EX 300}
 * ({@link AuthorizationCode}, libs/events), redeemed once by user-pool-service at {@code POST /oauth2/token}.
 */
@ApplicationScoped
public class AuthorizationCodes {

    private final ReactiveValueCommands<String, String> values;
    private final HostedUiConfig.Session config;
    private final Clock clock;

    public AuthorizationCodes(ReactiveRedisDataSource redis, HostedUiConfig config, Clock clock) {
        this.values = redis.value(String.class, String.class);
        this.config = config.session();
        this.clock = clock;
    }

    /**
     * Stores the grant and answers the code. {@code sessionHandle} is the issuing session's {@link HostedSessions#handle}.
     * Fails with {@link SessionStoreUnavailableException} when Redis does not take it.
     */
    public Uni<String> issue(AuthorizationRequest request, String sub, String username, long authTime,
                             String sessionHandle) {
        String code = AuthorizationCode.newCode();
        AuthorizationCode grant = new AuthorizationCode(request.userPoolId(), request.clientId(), sub, username,
                request.scopes(), request.redirectUri(), request.nonce(), request.codeChallenge(),
                request.codeChallengeMethod(), authTime, clock.instant().getEpochSecond(), sessionHandle);
        return values.setex(AuthorizationCode.redisKey(code), AuthorizationCode.MAX_TTL.toSeconds(), grant.toJson())
                .ifNoItem().after(config.storeTimeout()).fail()
                .onFailure().transform(failure -> new SessionStoreUnavailableException("cannot store the code", failure))
                .replaceWith(code);
    }
}
