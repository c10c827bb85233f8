package dev.ordersystem.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.benchmark.LoadGenerator.ClosedLoopResult;
import dev.ordersystem.benchmark.LoadGenerator.OpenLoopResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReportTests {

    private static Samples.Summary ms(double p50, double p99, double max) {
        return new Samples.Summary(1000, p50 * 1.1, p50, p50 * 1.5, p99, max * 0.99, max);
    }

    /** A full run's results, with the figures of the README's run and a few odd ones (an error, missing events). */
    static Results results() {
        return results(BenchmarkOptions.parse().orElseThrow());
    }

    private static Results results(BenchmarkOptions options) {
        List<PollingAtRate.Result> polling = new ArrayList<>();
        List<CdcAtRate.Result> cdc = new ArrayList<>();
        for (int rate : options.rates()) {
            polling.add(new PollingAtRate.Result(
                    rate,
                    rate * 20,
                    0,
                    ms(56.1234, 108.1, 118.2),
                    new PollingAtRate.SelfReported("producer callback time - commit time (µs clocks)", ms(3, 9, 12))));
            boolean overloaded = rate == 400;
            cdc.add(new CdcAtRate.Result(
                    new OpenLoopResult(
                            rate,
                            overloaded ? 371.25 : rate,
                            20,
                            rate * 20,
                            overloaded ? 7425 : rate * 20,
                            overloaded ? 3 : 0,
                            overloaded ? 2 : 0,
                            ms(7.4567, 28.6, 80),
                            ms(2.5, 9, 40),
                            List.of(),
                            overloaded ? "java.io.IOException: POST /orders answered 503" : null),
                    new CdcAtRate.RelayLag(
                            rate,
                            rate * 20,
                            overloaded ? 5 : 0,
                            ms(22.9, rate == 400 ? 98.1 : 55.0, 81.7),
                            rate == 50 ? null : new RelayTimer.Histogram(rate * 20, 25.0, 50.0, null)),
                    new CdcAtRate.EndToEnd(rate, rate * 20, overloaded ? 5 : 0, ms(30.2, 59.8, 90)),
                    new PipelineCpu(rate * 20, 1234.5678, 987.6, 654.3, 321.0, rate / 500.0)));
        }
        return new Results(
                options,
                "2026-11-25T10:00:00Z",
                "2026-11-25T10:07:12Z",
                432.4567,
                new Machine.Description(
                        2, "AMD EPYC", 24_000, "Linux 6.1 amd64", "0.10 0.20 0.30 1/200 42", 4096, "1.00"),
                Map.of("java", "17.0.15", "kafka", "4.1.2", "postgresql", "PostgreSQL 17.5 on x86_64-pc-linux-gnu"),
                Map.of("track_commit_timestamp", "on", "fsync", "off"),
                new ClosedLoopResult(4, 20, 86_122, 0, 4306.1234, ms(0.9, 3.1, 20), null),
                new ApiSaturation.Result(
                        new JitWarmUp.Result(150.2, 130_000, 0.0712, true, List.of(0.61, 0.2, 0.0712)),
                        new ClosedLoopResult(4, 20, 21_800, 0, 1090.0, ms(3.6, 11, 50), null),
                        new ApiSaturation.Cpu(21.8, 21_800, 1000.0)),
                new TokenValidation.Result(439_560, 45.5),
                polling,
                List.of(
                        new Drain.Result(10_000, 10_000, 0, 1.1, 0.3, 0.4, 33_000, 0.5, 50),
                        new Drain.Result(50_000, 50_000, 0, 5.5, 1.566, 1.6, 31_928.04, 5.0, 100)),
                cdc,
                new Pipeline.WarmUp(95.123, 19_000, 0.0812, true, true),
                new ApiSaturation.Result(
                        new JitWarmUp.Result(60, 40_000, 0.3, false, List.of(0.3)),
                        new ClosedLoopResult(
                                4, 20, 12_780, 1, 639.0, ms(6.2, 25, 90), "java.net.SocketException: reset"),
                        new ApiSaturation.Cpu(19.17, 12_780, 1500.0)),
                List.of(new ApiWithRelay.Result(
                        "polling",
                        new ApiSaturation.Result(
                                null,
                                new ClosedLoopResult(4, 20, 19_000, 0, 950.0, ms(3.8, 12, 50), null),
                                new ApiSaturation.Cpu(19.0, 19_000, 1000.0)),
                        new OpenLoopResult(
                                400, 400, 20, 8_000, 8_000, 0, 0, ms(9.1, 31.5, 60), ms(8, 30, 55), List.of(), null))),
                List.of(
                        new Drain.Result(10_000, 10_000, 0, 1.2, 1.0, 10.1, 9_999, 1.0, 100),
                        new Drain.Result(50_000, 49_990, 10, 6.1, 5.58, 14.8, 8_956.2, 2.5, 50)),
                new RawProducer.Result(2_872_700, 20, 143_635.4, 150_000, 36, 647, 160),
                List.of(
                        new Machine.Rss(Service.ORDER_SERVICE, "order-service-1", 11, 380.5, 300, List.of("-Xmx384m")),
                        new Machine.Rss(
                                Service.NOTIFICATION_SERVICE, "notification-service-1", 12, 374.2, 350, List.of()),
                        new Machine.Rss(Service.ORDER_SERVICE, "order-service-2", 13, 409.4, 390, List.of())),
                List.of(new Timeline.Entry("JDBC ceiling", "2026-11-25T10:00:30Z", 25.0123, "0.5 0.4 0.3 1/200 42")));
    }

    @Test
    void theJsonFileHasEverySectionWithFiguresToTwoDecimalsAndRatiosToThree() throws Exception {
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(Report.document(results())));

        assertThat(json.propertyNames())
                .containsExactly(
                        "benchmark",
                        "mode",
                        "startedAt",
                        "finishedAt",
                        "durationSeconds",
                        "machine",
                        "versions",
                        "settings",
                        "methodology",
                        "api",
                        "authentication",
                        "pipelineWarmUp",
                        "cdcRelay",
                        "endToEnd",
                        "cpuPerOrder",
                        "baselines",
                        "ratios",
                        "peakRss",
                        "goals",
                        "phases");
        assertThat(json.at("/mode").asString()).isEqualTo("full");
        assertThat(json.at("/durationSeconds").asDouble()).isEqualTo(432.46);
        assertThat(json.at("/baselines/jdbcCeiling").propertyNames())
                .containsExactly("threads", "seconds", "completed", "errors", "throughputPerSecond", "latencyMs");
        assertThat(json.at("/baselines/jdbcCeiling/throughputPerSecond").asDouble())
                .isEqualTo(4306.12);
        assertThat(json.at("/api/saturationWithRelayAndConsumer/firstError").asString())
                .isEqualTo("java.net.SocketException: reset");
        assertThat(json.at("/api/fixedRates/0").has("ids")).isFalse();
        assertThat(json.at("/api/fixedRates/0/latencyMs/p50").asDouble()).isEqualTo(7.46);
        assertThat(json.at("/cdcRelay/fixedRates/0/relayTimerFromPrometheus").isNull())
                .isTrue();
        assertThat(json.at("/cdcRelay/fixedRates/1/relayTimerFromPrometheus/maxAtMostMs")
                        .isNull())
                .isTrue();
        assertThat(json.at("/endToEnd/fixedRates/3/missing").asInt()).isEqualTo(5);
        assertThat(json.at("/cpuPerOrder/fixedRates/1/rate").asInt()).isEqualTo(100);
        assertThat(json.at("/pipelineWarmUp/compilerCores").asDouble()).isEqualTo(0.08);
        assertThat(json.at("/api/saturationWarmUp/seconds").asDouble()).isEqualTo(150.2);
        assertThat(json.at("/api/saturationWarmUp/rounds/2").asDouble()).isEqualTo(0.07);
        assertThat(json.at("/cpuPerOrder/fixedRates/1/cpu/orderService").asDouble())
                .isEqualTo(1234.57);
        assertThat(json.at("/cpuPerOrder/fixedRates/1/cpu/machineBusy").asDouble())
                .isEqualTo(0.2);
        assertThat(json.at("/baselines/pollingRelay/fixedRates/0/lagMs/p50").asDouble())
                .isEqualTo(56.12);
        assertThat(json.at("/baselines/pollingRelay/drains/1/firstToLastSeconds")
                        .asDouble())
                .isEqualTo(1.57);
        assertThat(json.at("/cdcRelay/drains/0/databaseCpuMicrosPerEvent").asDouble())
                .isEqualTo(100.0);
        assertThat(json.at("/ratios/cdcDrainToPollingDrainByBacklog/50000").asDouble())
                .isEqualTo(0.281);
        assertThat(json.at("/settings/backlogs")).hasSize(3);
        assertThat(json.at("/ratios/apiThroughputToJdbcCeiling").asDouble()).isEqualTo(0.253);
        assertThat(json.at("/api/orderServiceCpu/microsPerOrder").asDouble()).isEqualTo(1000.0);
        assertThat(json.at("/api/orderServiceCpuWithRelayAndConsumer/microsPerOrder")
                        .asDouble())
                .isEqualTo(1500.0);
        assertThat(json.at("/authentication/microsPerToken").asDouble()).isEqualTo(45.5);
        // 45.5 µs x 1,090 requests/s on 2 cores
        assertThat(json.at("/ratios/authenticationShareOfApiThroughput").asDouble())
                .isEqualTo(0.025);
        assertThat(json.at("/ratios/cdcP99LagToPollingP99LagByRate/400").asDouble())
                .isEqualTo(0.907);
        assertThat(json.at("/settings/pollingRelay/batchSize").asInt()).isEqualTo(500);
        assertThat(json.at("/settings/order").asString())
                .isEqualTo("POST /orders with 2 lines (BOOK-1 x1 at 12.50, PEN-7 x2 at 3.99), EUR;"
                        + " one OrderPlaced event per order");
        assertThat(json.at("/peakRss/order-service/peakMiB").asDouble()).isEqualTo(409.4);
        assertThat(json.at("/peakRss/order-service/instances")).hasSize(2);
        assertThat(json.at("/peakRss/notification-service/instances/0").has("service"))
                .isFalse();
        assertThat(json.at("/phases/0/seconds").asDouble()).isEqualTo(25.01);
    }

    @Test
    void goalsAreJudgedAgainstTheirThresholdsAndAFigureNotMeasuredIsNeitherMetNorMissed() throws Exception {
        Results full = results();
        JsonNode goals = Json.MAPPER
                .readTree(Json.MAPPER.writeValueAsString(Report.document(full)))
                .at("/goals");

        assertThat(goals).hasSize(Goal.ALL.size()).hasSize(10);
        assertThat(goals.get(0).path("actual").asString()).isEqualTo("25% of the JDBC ceiling");
        assertThat(goals.get(0).path("met").asBoolean()).isFalse();
        assertThat(goals.get(1).path("actual").asString()).isEqualTo("639 orders/s");
        assertThat(goals.get(1).path("met").asBoolean()).isFalse();
        assertThat(goals.get(2).path("actual").asString())
                .isEqualTo("CDC p99 100/s: 55.0, 200/s: 55.0, 400/s: 98.1 ms");
        assertThat(goals.get(2).path("met").asBoolean()).isFalse();
        assertThat(goals.get(3).path("actual").asString())
                .isEqualTo("CDC/polling p99 50/s: 0.51, 100/s: 0.51, 200/s: 0.51, 400/s: 0.91");
        assertThat(goals.get(3).path("met").asBoolean()).isFalse();
        assertThat(goals.get(4).path("met").asBoolean()).isTrue();
        assertThat(goals.get(5).path("actual").asString()).isEqualTo("p99 59.8 ms");
        assertThat(goals.get(5).path("met").asBoolean()).isFalse();
        assertThat(goals.get(6).path("actual").asString()).isEqualTo("slowest 8,956 events/s (backlog 50,000)");
        assertThat(goals.get(6).path("met").asBoolean()).isFalse();
        assertThat(goals.get(7).path("actual").asString()).isEqualTo("CDC/polling 10,000: 0.30, 50,000: 0.28");
        assertThat(goals.get(8).path("actual").asString())
                .isEqualTo("order-service 409 MiB, notification-service 374 MiB");
        assertThat(goals.get(8).path("met").asBoolean()).isTrue();
        assertThat(goals.get(9).path("actual").asString()).isEqualTo("45.5 µs per token = 2.5% of the CPU");
        assertThat(goals.get(9).path("met").asBoolean()).isTrue();

        Results without100 = results(BenchmarkOptions.parse("--rates=50").orElseThrow());
        Goal.Verdict endToEndAt100 = Goal.ALL.get(4).judge(without100);
        assertThat(endToEndAt100.actual()).isEqualTo("not measured");
        assertThat(endToEndAt100.met()).isEqualTo(Goal.Outcome.NOT_MEASURED);
        assertThat(Json.MAPPER.writeValueAsString(endToEndAt100)).contains("\"met\" : \"not measured\"");
    }

    @Test
    void theTableShowsTheSameRecords() {
        String table = Table.render(results());

        assertThat(table)
                .contains(
                        "Date 2026-11-25T10:00:00Z, 432 s; 2 cores (AMD EPYC), 24000 MiB; load average at start 0.10",
                        "Java 17.0.15; Kafka 4.1.2; Debezium ?; Spring Boot ?; PostgreSQL 17.5\n",
                        "Throughput at saturation (closed loop, 4 threads, 20 s; the API after 150 s of warm-up, when the"
                                + " JIT compilers were quiet)",
                        "  JDBC ceiling (order + lines + outbox tx, no HTTP)               4,306 orders/s\n",
                        "  Order API over HTTP, relay off                                  1,090 orders/s  (25% of JDBC"
                                + " ceiling)\n",
                        "  order-service CPU (user + system, all threads)                  1,000 µs per order (with CDC"
                                + " relay + consumer: 1,500 µs)\n",
                        "  Authentication: bearer token validation (RS256, iss, exp)        45.5 µs per request (2.5% of the CPU at the API's saturation throughput)\n",
                        "  Raw Kafka producer (acks=all, idempotent, 1 thread)           143,635 records/s (647 B"
                                + " value)\n",
                        "      50 | 7.5 / 28.6        | 22.9/55.0/81.7          | 56.1/108.1/118.2        | 0.51     |"
                                + " 30.2 / 59.8    \n",
                        "     400 | 7.5 / 28.6        | 22.9/98.1/81.7 (5 missing) | 56.1/108.1/118.2        | 0.91   "
                                + "  | 30.2 / 59.8 (5 missing)\n",
                        "  ! at 400/s the API answered 371.3/s, 3 errors, 2 unanswered\n",
                        "  CDC relay: embedded Debezium in order-service; polling relay: SKIP LOCKED, batch 500,"
                                + " 100 ms\n",
                        "     10,000 | 9,999 (10.1 s)             | 33,000 (0.4 s)             | 0.30      | 100 / 50",
                        "     50,000 | 8,956 (14.8 s) (10 missing) | 31,928 (1.6 s)             | 0.28      | 50 / 100",
                        "  largest backlog against the raw producer: CDC 6%, polling 22%\n",
                        "Peak RSS (VmHWM): order-service 409 MiB, notification-service 374 MiB\n",
                        "  [NOT met] API throughput at least 50% of the JDBC ceiling                        25% of"
                                + " the JDBC ceiling\n",
                        "  polling  | 950 orders/s           | 1,000             | 9.1 / 31.5 at 400/s\n",
                        "  [met]    End-to-end p99 under 150 ms at 100 orders/s                            p99 59.8"
                                + " ms\n")
                .doesNotContain("SMOKE");
    }

    @Test
    void aSmokeRunSaysSoInTheFileAndTheTable() throws Exception {
        Results smoke = results(BenchmarkOptions.parse("--smoke").orElseThrow());

        assertThat(Table.render(smoke)).startsWith("Order system benchmark -- SMOKE RUN, figures not meaningful\n");
        assertThat(Report.document(smoke).mode()).isEqualTo("smoke (figures are not meaningful)");
    }
}
