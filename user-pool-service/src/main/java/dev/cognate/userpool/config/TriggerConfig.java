package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where a pool's triggers ({@code LambdaConfig}) may point, prefix {@code cognate.triggers}. */
@ConfigMapping(prefix = "cognate.triggers")
public interface TriggerConfig {

    /**
     * Hosts a trigger may call over plain {@code http://} (compared case-insensitively); every other trigger URL
     * must be {@code https://}. Meant for functions running next to Cognate on a laptop or inside a cluster.
     */
    @WithDefault("localhost,127.0.0.1")
    List<String> allowedHttpHosts();

    /**
     * How long a synchronous trigger's function may take to answer (Cognito: 5 s); trigger-runner caps it with its
     * own {@code cognate.triggers.max-timeout}. Past it, the flow fails with {@code UnexpectedLambdaException}.
     */
    @WithDefault("5s")
    Duration timeout();

    /** The custom sender triggers ({@code CustomEmailSender}, {@code CustomSMSSender}), prefix {@code cognate.triggers.custom-sender}. */
    CustomSender customSender();

    interface CustomSender {

        /**
         * The RSA public key (PEM, {@code -----BEGIN PUBLIC KEY-----}, at least 2048 bits) that codes and temporary
         * passwords for a custom sender are encrypted to (compact JWE, RSA-OAEP-256 + A256GCM), in place of Cognito's KMS
         * key; one key for the whole installation. Unset: pools asking for a custom sender are refused.
         */
        Optional<String> publicKey();
    }
}
