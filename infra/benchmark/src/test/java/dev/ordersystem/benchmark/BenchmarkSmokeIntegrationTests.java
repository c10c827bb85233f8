package dev.ordersystem.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the benchmark harness for a few seconds per phase ({@code --smoke}) against the packaged service jars, so that
 * it keeps working: the run completes, and the JSON file it writes has every section with positive figures. The
 * figures of a smoke run mean nothing and the goals are reported, never asserted.
 */
class BenchmarkSmokeIntegrationTests {

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void smokeRunCompletesAndReportsEverySectionWithPositiveFigures(@TempDir Path dir) throws Exception {
        BenchmarkOptions smoke = BenchmarkOptions.parse("--smoke", "--output=" + dir.resolve("b.json"))
                .orElseThrow();

        BenchmarkMain.Outcome outcome = BenchmarkMain.run(smoke);
        System.out.println(outcome.table());

        assertThat(outcome.table())
                .contains(
                        "JDBC ceiling",
                        "order-service CPU",
                        "Authentication",
                        "CDC relay",
                        "CPU per order at the fixed rates",
                        "polling relay",
                        "Peak RSS",
                        "Goals");
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(outcome.json()));
        assertThat(json.path("machine").path("availableProcessors").asInt()).isPositive();
        for (String component : List.of("java", "kafka", "debezium", "springBoot", "postgresql")) {
            assertThat(json.path("versions").path(component).asString())
                    .as(component)
                    .isNotBlank();
        }
        assertThat(json.path("methodology").size()).isGreaterThan(5);

        positive(json, "api", "saturationWarmUp", "seconds");
        positive(json, "api", "saturation", "throughputPerSecond");
        positive(json, "api", "saturationWithRelayAndConsumer", "throughputPerSecond");
        positive(json, "api", "orderServiceCpu", "microsPerOrder");
        positive(json, "api", "orderServiceCpuWithRelayAndConsumer", "microsPerOrder");
        positive(json, "baselines", "jdbcCeiling", "throughputPerSecond");
        positive(json, "baselines", "rawProducer", "recordsPerSecond");
        for (JsonNode drains : List.of(
                json.path("cdcRelay").path("drains"),
                json.path("baselines").path("pollingRelay").path("drains"))) {
            assertThat(drains).hasSize(smoke.backlogs().size());
            drains.forEach(drain -> {
                assertThat(drain.path("eventsPerSecond").asDouble()).isPositive();
                assertThat(drain.path("databaseCpuMicrosPerEvent").asDouble()).isPositive();
            });
        }
        positive(json, "ratios", "apiThroughputToJdbcCeiling");
        positive(json, "authentication", "microsPerToken");
        positive(json, "ratios", "authenticationShareOfApiThroughput");
        positive(json, "ratios", "cdcDrainToRawProducer");
        positive(json, "peakRss", "order-service", "peakMiB");
        positive(json, "peakRss", "notification-service", "peakMiB");

        for (String list : List.of("api", "cdcRelay", "endToEnd", "cpuPerOrder")) {
            assertThat(json.path(list).path("fixedRates"))
                    .as(list)
                    .hasSize(smoke.rates().size());
        }
        assertThat(json.path("baselines").path("pollingRelay").path("fixedRates"))
                .hasSize(smoke.rates().size());
        for (int i = 0; i < smoke.rates().size(); i++) {
            JsonNode api = json.path("api").path("fixedRates").get(i);
            JsonNode cdc = json.path("cdcRelay").path("fixedRates").get(i);
            JsonNode polling = json.path("baselines")
                    .path("pollingRelay")
                    .path("fixedRates")
                    .get(i);
            JsonNode endToEnd = json.path("endToEnd").path("fixedRates").get(i);
            for (JsonNode latencies : List.of(
                    api.path("latencyMs"), cdc.path("lagMs"), polling.path("lagMs"), endToEnd.path("latencyMs"))) {
                assertThat(latencies.path("count").asInt()).isPositive();
                assertThat(latencies.path("p50").asDouble()).isPositive();
                assertThat(latencies.path("p99").asDouble()).isPositive();
                assertThat(latencies.path("max").asDouble()).isPositive();
            }
            JsonNode cpu = json.path("cpuPerOrder").path("fixedRates").get(i).path("cpu");
            for (String process : List.of("orderService", "notificationService", "postgres", "benchmark")) {
                assertThat(cpu.path(process).asDouble()).as(process).isPositive();
            }
            assertThat(cpu.path("machineBusy").asDouble()).isBetween(0.0, 1.0);
            String rate = Integer.toString(smoke.rates().get(i));
            assertThat(json.path("ratios")
                            .path("cdcP99LagToPollingP99LagByRate")
                            .path(rate)
                            .asDouble())
                    .isPositive();
        }
        assertThat(json.path("api").path("withEachRelay"))
                .extracting(relay -> relay.path("relay").asString())
                .containsExactly("polling", "CDC");
        json.path("api").path("withEachRelay").forEach(relay -> {
            assertThat(relay.at("/saturation/load/completed").asInt()).isPositive();
            assertThat(relay.at("/atRate/latencyMs/p99").asDouble()).isPositive();
        });
        assertThat(json.path("goals")).hasSize(Goal.ALL.size());
        json.path("goals").forEach(goal -> assertThat(goal.has("met")).isTrue());
        System.out.println("Smoke run took "
                + Duration.ofSeconds((long) json.path("durationSeconds").asDouble()));
    }

    private static void positive(JsonNode json, String... path) {
        JsonNode node = json;
        for (String name : path) {
            node = node.path(name);
        }
        assertThat(node.asDouble()).as(String.join(".", path)).isPositive();
    }
}
