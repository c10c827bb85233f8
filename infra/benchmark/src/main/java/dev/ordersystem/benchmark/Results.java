package dev.ordersystem.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Everything one run measured, filled in phase by phase; {@link Report} turns it into the table and the JSON. */
final class Results {

    /** Latencies of one set of events (ms) and how many of the expected events never arrived. */
    record Latencies(int expected, int missing, Samples.Summary ms) {}

    /** One offered rate: the API (CDC phases only), the relay's lag and, for CDC, end to end. */
    record RatePhase(
            int rate,
            LoadGenerator.@Nullable OpenLoopResult api,
            Latencies lag,
            @Nullable Latencies endToEnd,
            @Nullable Map<String, Object> selfReportedLag) {}

    /**
     * A backlog drained by a relay.
     *
     * @param writeSeconds how long writing the backlog took (relay stopped)
     * @param firstToLastSeconds append time of the last backlog record minus that of the first
     * @param startToLastSeconds from starting the relay (process or thread) to the last record
     */
    record Drain(
            int backlog,
            int records,
            int missing,
            double writeSeconds,
            double firstToLastSeconds,
            double startToLastSeconds,
            double eventsPerSecond) {}

    record RawProducer(
            long records,
            double firstToLastSeconds,
            double recordsPerSecond,
            double producerSideRecordsPerSecond,
            int keyBytes,
            int valueBytes,
            int headerBytes) {}

    /** Peak and current resident set of one service process, read from {@code /proc/<pid>/status} before it stopped. */
    record Rss(String service, String instance, long pid, long vmHwmKiB, long vmRssKiB, List<String> jvmOptions) {
        double peakMiB() {
            return vmHwmKiB / 1024.0;
        }
    }

    /** When a phase ran and how busy the machine was as it began (/proc/loadavg). */
    record Phase(String name, String startedAt, double seconds, String loadAverageAtStart) {}

    LoadGenerator.@Nullable ClosedLoopResult jdbcCeiling;
    LoadGenerator.@Nullable ClosedLoopResult apiSaturation;
    LoadGenerator.@Nullable ClosedLoopResult apiSaturationWithRelay;

    @Nullable
    RawProducer rawProducer;

    final List<RatePhase> cdcRates = new ArrayList<>();
    final List<RatePhase> pollingRates = new ArrayList<>();

    @Nullable
    Drain cdcDrain;

    @Nullable
    Drain pollingDrain;

    final List<Rss> rss = new ArrayList<>();
    final List<Phase> phases = new ArrayList<>();
    final Map<String, String> versions = new LinkedHashMap<>();
    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, String> postgresSettings = new LinkedHashMap<>();
    String startedAt = "";
    String finishedAt = "";
    double seconds;

    @Nullable
    RatePhase cdcAt(int rate) {
        return cdcRates.stream().filter(p -> p.rate() == rate).findFirst().orElse(null);
    }

    @Nullable
    RatePhase pollingAt(int rate) {
        return pollingRates.stream().filter(p -> p.rate() == rate).findFirst().orElse(null);
    }

    /** Largest peak RSS (MiB) of any instance of a service, or 0 if none ran. */
    double peakMiB(String service) {
        return rss.stream()
                .filter(r -> r.service().equals(service))
                .mapToDouble(Rss::peakMiB)
                .max()
                .orElse(0);
    }
}
