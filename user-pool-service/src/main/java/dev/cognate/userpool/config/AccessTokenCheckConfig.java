package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The access-token check of GetUser and {@code /oauth2/userInfo} ({@code repository/AccessTokenStandings}), prefix {@code cognate.access-token-check}. */
@ConfigMapping(prefix = "cognate.access-token-check")
public interface AccessTokenCheckConfig {

    /**
     * How long this instance may answer a token's user and revocation state from memory. A change committed by this
     * instance drops it at once; a change committed by another instance (or by hand in the database) is seen at most this
     * long late (plus one query's duration). {@code 0} turns the cache off.
     *
     * <p>Off by default: with several replicas, a GlobalSignOut or a disabled user committed on one replica would be
     * honoured by the others only this long later (deploy/local's ReplicasBehindTlsProxyTest requires at once), and
     * there is no cross-instance invalidation yet. A single-instance installation may turn it on (e.g. {@code 1s}).
     */
    @WithDefault("PT0S")
    Duration userCacheTtl();
}
