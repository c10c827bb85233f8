package dev.ordersystem.benchmark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.ordersystem.localstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/** What the benchmark ran on: cores, CPU, memory, load, and the versions of what it ran. */
final class Machine {

    /** The machine, and how busy it was at the start and at the end of the run. */
    record Description(
            int availableProcessors,
            String cpuModel,
            long memoryMiB,
            String os,
            String loadAverageAtStart,
            long benchmarkJvmMaxHeapMiB,
            String loadAverageAtEnd) {}

    /** The peak RSS of one service instance, read just before it was stopped. */
    record Rss(
            @JsonIgnore Service service,
            String instance,
            long pid,
            double vmHwmMiB,
            double vmRssMiBAtStop,
            List<String> jvmOptions) {}

    private static final Pattern LIB = Pattern.compile("BOOT-INF/lib/([a-z-]+?)-(\\d[^/]*)\\.jar");
    private static final Map<String, String> COMPONENTS = Map.of(
            "debezium-embedded", "debezium",
            "spring-boot", "springBoot",
            "spring-kafka", "springKafka",
            "kafka-clients", "kafkaClientsInServices",
            "postgresql", "postgresqlJdbc");

    /** USER_HZ, the unit of the CPU times in {@code /proc}: 100 on every Linux architecture the JDK runs on. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private Machine() {}

    /** This machine at the end of a run that began with the given load average. */
    static Description describe(String loadAverageAtStart) {
        return new Description(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                memoryMiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                loadAverageAtStart,
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                loadAverage());
    }

    /** The versions of the JVM, Kafka, PostgreSQL and, from the service jars, of what the services run on. */
    static Map<String, String> versions(String postgresql) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.runtime.version"));
        versions.put(
                "jvm",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")");
        versions.put("kafka", AppInfoParser.getVersion());
        versions.put("postgresql", postgresql);
        for (Service service : Service.values()) {
            jarVersions(service.jar(), versions);
        }
        return versions;
    }

    /** The 1, 5 and 15 minute load averages and running/total tasks, as {@code /proc/loadavg} shows them. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static long memoryMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /** VmHWM (peak resident set) and VmRSS of a live process, and the JVM options on its command line. */
    static Optional<Rss> rss(Service service, ServiceProcess process) {
        long pid = process.pid();
        try {
            long hwm = -1;
            long rss = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                }
            }
            List<String> jvmOptions = new ArrayList<>();
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String[] args = new String(cmdline, StandardCharsets.UTF_8).split("\0");
            for (int i = 1; i < args.length && !args[i].equals("-jar"); i++) {
                jvmOptions.add(args[i]);
            }
            return hwm < 0
                    ? Optional.empty()
                    : Optional.of(new Rss(service, process.name(), pid, hwm / 1024.0, rss / 1024.0, jvmOptions));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * User + system CPU time of a process (all its threads) so far, in seconds, from {@code /proc/<pid>/stat}; with
     * {@code children}, also that of its children: those it has reaped and its live descendants (PostgreSQL's backends
     * and background processes under its postmaster).
     */
    static double cpuSeconds(long pid, boolean children) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        long ticks = ticks(pid, children);
        if (children) {
            ticks += process.descendants()
                    .mapToLong(descendant -> ticks(descendant.pid(), true))
                    .sum();
        }
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** utime + stime (+ cutime + cstime) of {@code /proc/<pid>/stat}; 0 if the process is gone. */
    private static long ticks(long pid, boolean children) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"), children);
    }

    /** utime + stime (+ cutime + cstime) of a process's or a thread's {@code stat} file; 0 if it is gone. */
    private static long ticks(Path stat, boolean children) {
        try {
            String line = Files.readString(stat);
            // fields after "(comm) ": state is field 3, utime 14, stime 15, cutime 16, cstime 17
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return children ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * CPU seconds the JIT compiler threads of a JVM (HotSpot names them {@code C1 CompilerThread<n>} and {@code C2
     * CompilerThread<n>}) have taken so far; 0 if the process is gone.
     */
    static double compilerCpuSeconds(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            long ticks = threads.filter(thread -> isCompiler(thread.resolve("comm")))
                    .mapToLong(thread -> ticks(thread.resolve("stat"), false))
                    .sum();
            return ticks / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static boolean isCompiler(Path comm) {
        try {
            return Files.readString(comm).contains("CompilerThre");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The jiffies all cores spent busy (everything but idle and iowait) and in total since the machine started, from
     * the first line of {@code /proc/stat}.
     */
    record CoreTime(long busy, long total) {

        static CoreTime now() {
            try {
                String[] fields =
                        Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < fields.length && i <= 8; i++) { // user .. steal; guest time is inside user
                    total += Long.parseLong(fields[i]);
                }
                long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                return new CoreTime(total - idle, total);
            } catch (IOException | RuntimeException e) {
                return new CoreTime(0, 0);
            }
        }

        /** Share of the cores (0 to 1) busy between {@code start} and this reading; NaN if unknown. */
        double busyShareSince(CoreTime start) {
            long jiffies = total - start.total;
            return jiffies > 0 ? (busy - start.busy) / (double) jiffies : Double.NaN;
        }
    }

    /**
     * Readings taken at the start and the end of a window that begins a while from now, on a thread of its own while
     * the load runs; {@code T} is what one reading holds.
     */
    static final class Window<T> {

        private final Thread reader;
        private volatile @Nullable T start;
        private volatile @Nullable T end;

        private Window(Supplier<T> read, Duration after, Duration length) {
            this.reader = new Thread(
                    () -> {
                        try {
                            Thread.sleep(after.toMillis());
                            start = read.get();
                            Thread.sleep(length.toMillis());
                            end = read.get();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "reading-window");
            reader.setDaemon(true);
        }

        /** Starts: the window begins {@code after} from now and lasts {@code length}. */
        static <T> Window<T> start(Supplier<T> read, Duration after, Duration length) {
            Window<T> window = new Window<>(read, after, length);
            window.reader.start();
            return window;
        }

        /** The CPU seconds process {@code pid} (all its threads) takes in the window. */
        static Window<Double> cpuOf(long pid, Duration after, Duration length) {
            return start(() -> cpuSeconds(pid, false), after, length);
        }

        /** Waits for the end of the window; what {@code between} makes of its end and start readings. */
        <R> R result(BiFunction<T, T, R> between) throws InterruptedException {
            reader.join();
            T first = start;
            T last = end;
            if (first == null || last == null) {
                throw new InterruptedException("the window was interrupted before its end");
            }
            return between.apply(last, first);
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** Versions of the components packed in a Spring Boot jar, from the names of its libraries. */
    private static void jarVersions(Path jar, Map<String, String> versions) {
        if (!Files.isRegularFile(jar)) {
            return;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                Matcher lib = LIB.matcher(entry.getName());
                if (lib.matches() && COMPONENTS.containsKey(lib.group(1))) {
                    versions.putIfAbsent(COMPONENTS.get(lib.group(1)), lib.group(2));
                }
            }
        } catch (IOException e) {
            // leave the versions out
        }
    }
}
