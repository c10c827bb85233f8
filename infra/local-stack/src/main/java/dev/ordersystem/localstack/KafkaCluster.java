package dev.ordersystem.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of several Kafka nodes on localhost, each its own JVM process ({@link KafkaBrokerMain}) so that a
 * broker can be killed with SIGKILL and started again on the same ports with the same data. Every node is broker and
 * controller; internal topics use replication factor {@code min(nodes, 3)} and {@code min.insync.replicas} one less.
 *
 * <p>Needs this library on the JVM's class path ({@code java.class.path}), as in tests. Closing stops every node and
 * deletes the data.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int[] ports;
    private final int[] controllerPorts;
    private final String voters;
    private final @Nullable Process[] nodes;
    private final long[] logOffsets;

    private KafkaCluster(int size, Path directory) {
        this.directory = directory;
        int[] free = Ports.findFree(2 * size);
        this.ports = IntStream.range(0, size).map(i -> free[i]).toArray();
        this.controllerPorts = IntStream.range(0, size).map(i -> free[size + i]).toArray();
        this.voters = IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts[i])
                .collect(Collectors.joining(","));
        this.nodes = new Process[size];
        this.logOffsets = new long[size];
    }

    /** Starts {@code size} nodes at once (a quorum needs a majority) and returns when every one answers clients. */
    public static KafkaCluster start(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        KafkaCluster cluster;
        try {
            cluster = new KafkaCluster(size, Files.createTempDirectory("kafka-cluster-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<Integer> all = IntStream.range(0, size).boxed().toList();
            all.forEach(cluster::launch);
            all.forEach(cluster::awaitReady);
            log.info("Kafka cluster of {} nodes up: {}", size, cluster.bootstrapServers());
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code localhost:port} of every node, comma-separated. */
    public String bootstrapServers() {
        return IntStream.of(ports).mapToObj(port -> "localhost:" + port).collect(Collectors.joining(","));
    }

    public int size() {
        return ports.length;
    }

    /** The broker id (1-based) of node {@code index} (0-based). */
    public int nodeId(int index) {
        return index + 1;
    }

    /** SIGKILL of one node: no controlled shutdown, as in a crash. */
    public synchronized void kill(int index) {
        Process node = nodes[index];
        if (node != null) {
            node.destroyForcibly();
            waitFor(node);
            nodes[index] = null;
            log.info("Killed Kafka node {} (SIGKILL)", nodeId(index));
        }
    }

    /** Starts a killed node again on its ports with its data and waits until it answers clients. */
    public synchronized void restart(int index) {
        if (nodes[index] == null) {
            launch(index);
            awaitReady(index);
        }
    }

    public synchronized boolean isRunning(int index) {
        Process node = nodes[index];
        return node != null && node.isAlive();
    }

    /** Stops every node (SIGTERM, then SIGKILL) and deletes the cluster's data. */
    @Override
    public synchronized void close() {
        for (Process node : nodes) {
            if (node != null) {
                node.destroy();
            }
        }
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                waitFor(nodes[i]);
                nodes[i] = null;
            }
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }

    private void launch(int index) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-D" + KafkaBrokerMain.PARENT_PID + "="
                + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KafkaBrokerMain.class.getName());
        command.add(Integer.toString(nodeId(index)));
        command.add(Integer.toString(ports[index]));
        command.add(Integer.toString(controllerPorts[index]));
        command.add(directory.resolve("node-" + nodeId(index)).toString());
        command.add(clusterId);
        command.add(voters);
        command.add(Integer.toString(Math.min(ports.length, 3)));
        try {
            Path logFile = logFile(index);
            logOffsets[index] = Files.exists(logFile) ? Files.size(logFile) : 0; // a restart appends to the log
            nodes[index] = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Kafka node " + nodeId(index), e);
        }
    }

    private void awaitReady(int index) {
        Path logFile = logFile(index);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Process node = nodes[index];
                if (node == null || !node.isAlive()) {
                    throw new IllegalStateException("Kafka node " + nodeId(index) + " exited; see " + logFile);
                }
                if (Files.exists(logFile) && sinceLaunch(logFile, index).contains(KafkaBrokerMain.READY_LINE)) {
                    return;
                }
                node.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka node " + nodeId(index), e);
        }
        throw new IllegalStateException("Kafka node " + nodeId(index) + " not ready in " + START_TIMEOUT);
    }

    private Path logFile(int index) {
        return directory.resolve("node-" + nodeId(index) + ".log");
    }

    private String sinceLaunch(Path logFile, int index) throws IOException {
        byte[] all = Files.readAllBytes(logFile);
        int from = (int) Math.min(logOffsets[index], all.length);
        return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
