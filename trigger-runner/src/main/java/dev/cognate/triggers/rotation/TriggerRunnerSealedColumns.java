package dev.cognate.triggers.rotation;

import dev.cognate.secrets.SealedColumn;
import dev.cognate.triggers.invoke.WebhookSecrets;

import java.util.List;

/**
 * Every column of this service that keeps a value sealed under the master key: the pools' webhook secrets. The codes on
 * {@code cognate.messages} are sealed by user-pool-service and only pass through; the previous key opens them until
 * they are delivered.
 */
public final class TriggerRunnerSealedColumns {

    public static final List<SealedColumn> ALL = List.of(
            new SealedColumn("webhook_secrets", "sealed_secret", List.of("user_pool_id"), keys -> WebhookSecrets.context(keys.get(0))));

    private TriggerRunnerSealedColumns() {
    }
}
