package dev.ordersystem.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/** What the benchmark ran on: cores, CPU, memory, load, and the versions inside the service jars. */
final class Machine {

    private static final Pattern LIB = Pattern.compile("BOOT-INF/lib/([a-z-]+?)-(\\d[^/]*)\\.jar");
    private static final Map<String, String> COMPONENTS = Map.of(
            "debezium-embedded", "debezium",
            "spring-boot", "springBoot",
            "spring-kafka", "springKafka",
            "kafka-clients", "kafkaClientsInServices",
            "postgresql", "postgresqlJdbc");

    private Machine() {}

    static void describe(Map<String, Object> machine) {
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("cpuModel", cpuModel());
        machine.put("memoryMiB", memoryMiB());
        machine.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        machine.put("loadAverageAtStart", loadAverage());
        machine.put("benchmarkJvmMaxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
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
    static Results.@Nullable Rss rss(String service, String instance, long pid) {
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
            return hwm < 0 ? null : new Results.Rss(service, instance, pid, hwm, rss, jvmOptions);
        } catch (IOException e) {
            return null;
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** Versions of the components packed in a Spring Boot jar, from the names of its libraries. */
    static void jarVersions(Path jar, Map<String, String> versions) {
        if (!Files.isRegularFile(jar)) {
            return;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
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
