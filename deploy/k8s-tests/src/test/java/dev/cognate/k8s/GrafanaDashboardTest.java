package dev.cognate.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** deploy/grafana/cognate-dashboard.json imports (valid, unique panel ids) and queries only metrics the services export. */
class GrafanaDashboardTest {

    /**
     * Metric families the services' /q/metrics exposes (read from a running user-pool-service and trigger-runner):
     * a query on a name outside this list would draw an empty panel.
     */
    private static final Set<String> EXPORTED = Set.of(
            "http_server_requests_seconds_count", "http_server_requests_seconds_sum", "http_server_requests_seconds_max",
            "sql_pool_active", "sql_pool_queue_size", "sql_pool_queue_delay_seconds_sum", "sql_pool_queue_delay_seconds_count",
            "redis_commands_success_total", "redis_commands_failure_total", "redis_pool_queue_size", "redis_pool_rejected_total",
            "worker_pool_active", "worker_pool_queue_size",
            "kafka_consumer_fetch_manager_records_lag_max",
            "jvm_memory_used_bytes", "process_cpu_usage", "jvm_gc_pause_seconds_sum", "jvm_threads_live_threads",
            // Cognate's own, each read from /q/metrics by a test that drives it: OperatorMetricsTest (user-pool-service),
            // MessagesConsumerTest (trigger-runner)
            "cognate_sign_ins_total", "cognate_tokens_issued_total",
            "cognate_outbox_pending", "cognate_outbox_oldest_pending_age_seconds",
            "cognate_events_consumed_total",
            "cognate_message_deliveries_total", "cognate_message_delivery_seconds_sum", "cognate_message_delivery_seconds_count");

    private static final Pattern METRIC = Pattern.compile("\\b([a-z_]+)\\{");

    @Test
    void isAnImportableDashboardOverExportedMetrics() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(Files.readString(RepositoryPaths.ROOT.resolve("deploy/grafana/cognate-dashboard.json")));

        assertThat(dashboard.path("uid").asString()).isEqualTo("cognate-overview");
        Set<Integer> ids = new HashSet<>();
        List<String> metrics = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
            for (JsonNode target : panel.path("targets")) {
                Matcher matcher = METRIC.matcher(target.path("expr").asString());
                while (matcher.find()) {
                    metrics.add(matcher.group(1));
                }
            }
        }
        assertThat(metrics).isNotEmpty().allSatisfy(metric -> assertThat(EXPORTED).as("exported metric").contains(metric));
    }
}
