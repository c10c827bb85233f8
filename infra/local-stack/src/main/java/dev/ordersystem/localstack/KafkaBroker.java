package dev.ordersystem.localstack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;

/**
 * A real Apache Kafka broker inside this JVM: one KRaft node that is both broker and controller, listening on
 * {@code PLAINTEXT://localhost:port} (clients) and {@code CONTROLLER://localhost:controllerPort}. Topics are not
 * created automatically.
 *
 * <p>{@link #stop()} and {@link #start()} may be called again and again: the broker comes back on the same ports with
 * the same log directory, so its topics, records and committed offsets survive, as after a broker restart.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_WAIT = Duration.ofSeconds(60);

    private final Node node;
    private @Nullable KafkaRaftServer server;

    /**
     * One node of a KRaft cluster in which every node is broker and controller.
     *
     * @param nodeId this node's id, one of the ids in {@code quorumVoters}
     * @param port client (PLAINTEXT) port on localhost
     * @param controllerPort KRaft controller port on localhost
     * @param logDir where the broker keeps its logs and metadata; created on first start
     * @param clusterId the cluster id all nodes share
     * @param quorumVoters {@code id@localhost:controllerPort} of every node, comma-separated
     * @param replicationFactor replication factor of Kafka's internal topics (the number of nodes, at most 3)
     */
    public record Node(
            int nodeId,
            int port,
            int controllerPort,
            Path logDir,
            String clusterId,
            String quorumVoters,
            int replicationFactor) {

        /** The only node of a cluster of its own. */
        static Node alone(int port, int controllerPort, Path logDir) {
            return new Node(
                    1, port, controllerPort, logDir, Uuid.randomUuid().toString(), "1@localhost:" + controllerPort, 1);
        }
    }

    /**
     * A broker that is not started yet, the only node of its cluster.
     *
     * @param port client (PLAINTEXT) port on localhost
     * @param controllerPort KRaft controller port on localhost
     * @param logDir where the broker keeps its logs and metadata; created on first start
     */
    public KafkaBroker(int port, int controllerPort, Path logDir) {
        this(Node.alone(port, controllerPort, logDir));
    }

    /** A node of a cluster that is not started yet. */
    public KafkaBroker(Node node) {
        this.node = node;
    }

    /**
     * Formats the log directory on first start, starts the broker and returns once it answers clients.
     *
     * @throws IllegalStateException if the broker does not start or answer within 60 s
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        formatStorage();
        KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
        try {
            starting.startup();
            server = starting;
            awaitReady();
        } catch (RuntimeException e) {
            server = null;
            shutdown(starting);
            throw e;
        }
    }

    /** Shuts the broker down (controlled shutdown) and waits for it; keeps ports and log directory. */
    public synchronized void stop() {
        if (server != null) {
            shutdown(server);
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code localhost:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + node.port();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private Map<String, Object> config() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.nodeId()));
        props.put("controller.quorum.voters", node.quorumVoters());
        props.put(
                "listeners",
                "PLAINTEXT://localhost:" + node.port() + "," + CONTROLLER_LISTENER + "://localhost:"
                        + node.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + node.port());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", node.logDir().toString());
        String factor = Integer.toString(node.replicationFactor());
        String minIsr = Integer.toString(Math.max(1, node.replicationFactor() - 1));
        props.put("offsets.topic.replication.factor", factor);
        props.put("transaction.state.log.replication.factor", factor);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("share.coordinator.state.topic.replication.factor", factor);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("default.replication.factor", factor);
        props.put("min.insync.replicas", minIsr);
        // a killed node is noticed in seconds, not the default 9 s
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "3000");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024)); // default 128 MiB of heap
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> map = (Map) props;
        return map;
    }

    private void formatStorage() {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(node.clusterId())
                    .setNodeId(node.nodeId())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(node.logDir().toString())
                    .setDirectories(List.of(node.logDir().toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + node.logDir(), e);
        }
    }

    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(10, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not answer", e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " has no live node");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }
}
