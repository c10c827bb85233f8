package dev.ordersystem.orders.relay;

import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the outbox relay on this instance when it holds the lease. A lifecycle bean: it starts after the rest of the
 * context (last phase), runs on its own thread, and stops first on shutdown (engine, producer, lease).
 *
 * <p>The loop: try the lease every {@code leader-poll-interval} (standby); once held, create missing topics, start the
 * engine and watch it: every {@code leader-check-interval} the lease is checked, and a lost lease fences the producer
 * and stops the engine at once. An engine failure (reported by the completion callback) or any other error makes the
 * relay DOWN with the reason, gives the lease up and restarts after an exponential backoff.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration THREAD_STOP_WAIT = Duration.ofSeconds(40);

    private final RelayProperties relay;
    private final RelayDatabase database;
    private final RelayKafkaClients kafka;
    private final RelayState state;
    private final RelayMetrics metrics;
    private final Clock clock;
    private final LeaderLease lease;
    private final RelayTopics topics;
    private final Object monitor = new Object();
    private volatile boolean running;
    private @Nullable Thread loop;
    private volatile @Nullable EngineRun current;

    OutboxRelay(
            RelayProperties relay,
            RelayDatabase database,
            RelayState state,
            RelayMetrics metrics,
            LeaderLease lease,
            Clock clock) {
        this.relay = relay;
        this.database = database;
        this.kafka = new RelayKafkaClients(relay);
        this.state = state;
        this.metrics = metrics;
        this.lease = lease;
        this.clock = clock;
        this.topics = new RelayTopics(relay);
    }

    @Override
    public void start() {
        synchronized (monitor) {
            if (running) {
                return;
            }
            running = true;
            Thread thread = new Thread(this::runLoop, "order-relay");
            thread.setDaemon(true);
            loop = thread;
            thread.start();
        }
        log.info(
                "Outbox relay started on instance {} (slot {}, topic {}, Kafka {})",
                relay.instanceId(),
                relay.slotName(),
                relay.topic(),
                relay.bootstrapServers());
    }

    @Override
    public void stop() {
        Thread thread;
        synchronized (monitor) {
            if (!running) {
                return;
            }
            running = false;
            monitor.notifyAll();
            thread = loop;
        }
        EngineRun run = current;
        if (run != null) {
            run.close();
        }
        if (thread != null) {
            try {
                thread.join(THREAD_STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("The relay thread did not stop within {}", THREAD_STOP_WAIT);
            }
        }
        lease.release();
        state.stopped();
        log.info("Outbox relay stopped on instance {}", relay.instanceId());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after everything else (the web server included) and stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void runLoop() {
        int failures = 0;
        while (running) {
            try {
                if (!lease.tryAcquire()) {
                    state.standby("another instance holds the relay lease");
                    pause(relay.leaderPollInterval());
                    continue;
                }
                log.info(
                        "Instance {} holds the relay lease (advisory lock {}); starting the engine",
                        relay.instanceId(),
                        lease.key());
                if (lead() == Outcome.LEASE_LOST) {
                    // another instance may have it now; compete again with the standbys' rhythm
                    pause(relay.leaderPollInterval());
                }
                failures = 0;
            } catch (InterruptedException e) {
                if (running) {
                    log.warn("The relay thread was interrupted; stopping the relay");
                }
                break;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                // a run that relayed something was healthy: start counting again
                failures = state.isStreaming() ? 1 : failures + 1;
                Duration delay = relay.restartBackoff().delayAfter(failures);
                String reason = FailureReason.of(e);
                // an engine failure was logged with its stack trace by Debezium and the completion callback already
                Throwable logged = e instanceof EngineFailedException ? null : e;
                log.error(
                        "Outbox relay failed: {}. Giving up the lease and restarting in {} ({} failure(s) in a row)",
                        reason,
                        delay,
                        failures,
                        logged);
                lease.release();
                state.down(reason, clock.instant().plus(delay));
                try {
                    pause(delay);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        lease.release();
    }

    private enum Outcome {
        STOPPED,
        LEASE_LOST
    }

    /** Runs the engine until shutdown or a lost lease (returns which) or a failure (throws). */
    private Outcome lead() throws Exception {
        state.leaderStarting();
        try (Admin admin = kafka.admin()) {
            topics.ensure(admin);
        }
        EngineRun run = new EngineRun(
                relay, EngineSettings.of(relay, database, kafka), kafka.producer(), state, metrics, clock);
        current = run;
        try {
            if (!running) {
                return Outcome.STOPPED;
            }
            run.start();
            while (true) {
                EngineRun.Completion completion = run.awaitCompletion(relay.leaderCheckInterval());
                if (!running) {
                    return Outcome.STOPPED;
                }
                if (completion != null) {
                    throw new EngineFailedException(
                            "the Debezium engine stopped"
                                    + (completion.message().isBlank() ? "" : ": " + completion.message()),
                            completion.error());
                }
                if (!lease.isHeld()) {
                    run.fence();
                    log.error("Instance {} lost the relay lease; stopped publishing", relay.instanceId());
                    state.standby("lost the relay lease; engine stopped");
                    return Outcome.LEASE_LOST;
                }
            }
        } finally {
            current = null;
            run.close();
        }
    }

    /** The engine ended without being asked to; the completion callback logged it. */
    static final class EngineFailedException extends RelayException {
        EngineFailedException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        synchronized (monitor) {
            if (running) {
                monitor.wait(Math.max(1, duration.toMillis()));
            }
        }
    }
}
