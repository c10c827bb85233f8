package dev.ordersystem.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warms up freshly started JVMs with load, in rounds, until their JIT compilers are quiet: a Spring Boot service's C2
 * compiler keeps compiling the request path for minutes after its start (in order-service 37, 63, 22, 31, 22 and 8 s
 * of compilation in its first six minutes of the benchmark), and a phase measured while it does so measures the
 * compiler, on 2 cores up to half of the machine.
 *
 * @param least the shortest warm-up
 * @param most the longest: the warm-up ends then even if the compilers are still busy
 * @param jvms the pids whose compiler threads are watched
 */
record JitWarmUp(Duration least, Duration most, List<Long> jvms) {

    /** The longest round; a shorter {@link #least} makes the rounds that short. */
    static final Duration ROUND = Duration.ofSeconds(15);

    /** The JIT is quiet when the compiler threads of every watched JVM together take less than this share of a core. */
    static final double QUIET_COMPILERS = 0.10;

    /**
     * How a warm-up went.
     *
     * @param compilerCores the share of a core the JIT compilers of the watched JVMs took together in the last round
     * @param quiet whether that was below {@link #QUIET_COMPILERS} (if not, the warm-up ended at its longest)
     * @param rounds the compilers' share of a core in each round, in order
     */
    record Result(double seconds, int orders, double compilerCores, boolean quiet, List<Double> rounds) {}

    /** One round of load of the given length; returns the orders it placed. */
    @FunctionalInterface
    interface Round {
        int run(Duration length) throws Exception;
    }

    JitWarmUp {
        jvms = List.copyOf(jvms);
    }

    /**
     * Runs rounds for at least {@link #least}, then until the watched compilers took less than {@link #QUIET_COMPILERS}
     * of a core in a round, or {@link #most} has passed.
     */
    Result run(Round round) throws Exception {
        Duration length = least.compareTo(ROUND) < 0 ? least : ROUND;
        long start = System.nanoTime();
        int orders = 0;
        List<Double> rounds = new ArrayList<>();
        double compilerCores;
        boolean quiet;
        Duration elapsed;
        do {
            double compilersBefore = compilerSeconds();
            long roundStart = System.nanoTime();
            orders += round.run(length);
            compilerCores = (compilerSeconds() - compilersBefore) / ((System.nanoTime() - roundStart) / 1e9);
            rounds.add(compilerCores);
            quiet = compilerCores < QUIET_COMPILERS;
            elapsed = Duration.ofNanos(System.nanoTime() - start);
        } while (elapsed.compareTo(least) < 0 || (!quiet && elapsed.compareTo(most) < 0));
        Timeline.progress(String.format(
                Locale.ROOT,
                "warmed up for %d s (%d orders); the JIT compilers took %.2f of a core in the last %d s%s",
                elapsed.toSeconds(),
                orders,
                compilerCores,
                length.toSeconds(),
                quiet ? "" : ", still busy after the longest warm-up"));
        return new Result(elapsed.toMillis() / 1000.0, orders, compilerCores, quiet, rounds);
    }

    private double compilerSeconds() {
        return jvms.stream().mapToDouble(Machine::compilerCpuSeconds).sum();
    }
}
