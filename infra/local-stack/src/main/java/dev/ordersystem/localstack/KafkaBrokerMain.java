package dev.ordersystem.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one {@link KafkaBroker} node of a {@link KafkaCluster} as its own process, so that fault tests can SIGKILL a
 * broker for real. Prints {@link #READY_LINE} once the node answers clients; runs until killed or SIGTERM.
 *
 * <pre>
 * java -cp ... dev.ordersystem.localstack.KafkaBrokerMain nodeId port controllerPort logDir clusterId voters factor
 * </pre>
 */
public final class KafkaBrokerMain {

    public static final String READY_LINE = "Kafka broker ready";

    /** System property with the pid of the JVM that started this node. */
    static final String PARENT_PID = "localstack.parent-pid";

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Launcher.useLogbackFile(Launcher.QUIET_LOGBACK);
        if (args.length != 7) {
            System.err.println(
                    "Usage: KafkaBrokerMain nodeId port controllerPort logDir clusterId quorumVoters replicationFactor");
            System.exit(2);
        }
        KafkaBroker broker = new KafkaBroker(new KafkaBroker.Node(
                Integer.parseInt(args[0]),
                Integer.parseInt(args[1]),
                Integer.parseInt(args[2]),
                Path.of(args[3]),
                args[4],
                args[5],
                Integer.parseInt(args[6])));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-shutdown"));
        exitWhenParentDies();
        broker.start();
        System.out.println(READY_LINE + " on " + broker.bootstrapServers());
        new CountDownLatch(1).await();
    }

    /** A node whose parent JVM was killed must not outlive it: {@value #PARENT_PID} names the parent. */
    private static void exitWhenParentDies() {
        String parent = System.getProperty(PARENT_PID);
        if (parent == null) {
            return;
        }
        Thread watcher = new Thread(
                () -> {
                    var handle = ProcessHandle.of(Long.parseLong(parent));
                    while (handle.map(ProcessHandle::isAlive).orElse(false)) {
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    System.exit(0);
                },
                "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
