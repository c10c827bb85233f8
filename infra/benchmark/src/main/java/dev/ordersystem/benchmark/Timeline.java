package dev.ordersystem.benchmark;

import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs the steps of the benchmark one after another, says on stderr which one runs, and records when each ran and how
 * busy the machine was as it began.
 */
final class Timeline {

    /** When a step ran and how busy the machine was as it began ({@code /proc/loadavg}). */
    record Entry(String phase, String startedAt, double seconds, String loadAverageAtStart) {}

    private final List<Entry> entries = new ArrayList<>();

    <R> R run(Phase<R> phase) throws Exception {
        return step(phase.name(), phase::run);
    }

    /** Runs the phases in their order; returns what each measured, in the same order. */
    <R> List<R> runAll(List<? extends Phase<R>> phases) throws Exception {
        List<R> results = new ArrayList<>();
        for (Phase<R> phase : phases) {
            results.add(run(phase));
        }
        return results;
    }

    /** Runs a step that is not a measurement (starting, waiting, warming up) and records it like a phase. */
    <T> T step(String name, Callable<T> step) throws Exception {
        String load = Machine.loadAverage();
        Instant at = Instant.now();
        progress(name + " (load average " + load + ")");
        long start = System.nanoTime();
        T result = step.call();
        entries.add(new Entry(
                name, at.truncatedTo(ChronoUnit.SECONDS).toString(), (System.nanoTime() - start) / 1e9, load));
        return result;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    static void progress(String message) {
        System.err.printf("[benchmark %s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), message);
    }

    static void warn(String message) {
        progress("WARNING: " + message);
    }
}
