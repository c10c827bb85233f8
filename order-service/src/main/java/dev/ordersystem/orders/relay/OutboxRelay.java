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
 * context (last phase), runs on its own thread, and stops first on shutdown (engine, producer, lease), within a few
 * seconds.
 *
 * <p>The loop: try the lease every {@code leader-poll-interval}, or as soon as the holder's lease expires (standby);
 * once held, create missing topics, run the {@link StartCheck} (free the slot, settle the offsets), start the engine
 * and watch it. The lease is renewed in the background; the moment it has not been renewed for half its TTL (or was
 * taken over) the relay fences itself: the producer is closed at once and the engine stopped, before any other
 * instance may take the lease. An engine failure (reported by the completion callback) or any other error makes the
 * relay DOWN with the reason, gives the lease up and restarts after an exponential backoff.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration LOOP_STOP_WAIT = Duration.ofSeconds(2);
    private static final Duration MIN_PAUSE = Duration.ofMillis(100);
    /** Waited beyond the expiry of another instance's lease, so that it has passed on the database's clock too. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMillis(50);

    private final RelayProperties relay;
    private final RelayDatabase database;
    private final RelayKafkaClients kafka;
    private final RelayState state;
    private final RelayMetrics metrics;
    private final Clock clock;
    private final LeaderLease lease;
    private final StartCheck startCheck;
    private final RelayTopics topics;
    private final Object monitor = new Object();
    private volatile boolean running;
    private @Nullable Thread loop;
    private volatile @Nullable EngineRun current;

    OutboxRelay(
            RelayProperties relay,
            RelayDatabase database,
            RelayKafkaClients kafka,
            RelayState state,
            RelayMetrics metrics,
            LeaderLease lease,
            StartCheck startCheck,
            Clock clock) {
        this.relay = relay;
        this.database = database;
        this.kafka = kafka;
        this.state = state;
        this.metrics = metrics;
        this.lease = lease;
        this.startCheck = startCheck;
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

    /**
     * Stops the engine (at most {@link EngineRun#STOP_WAIT}), closes the producer and releases the lease, so that a
     * standby takes over at once. If the loop is stuck (e.g. on a database that does not answer), the lease is left to
     * expire; its daemon thread does not keep the JVM alive.
     */
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
                thread.join(LOOP_STOP_WAIT.toMillis());
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(MIN_PAUSE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("The relay thread did not stop within {}; its lease expires by itself", LOOP_STOP_WAIT);
            }
        }
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

    /** When the context closes: also ends the lease's thread and connection. */
    @Override
    public void close() {
        stop();
        lease.close();
    }

    private void runLoop() {
        int failures = 0;
        try {
            while (running) {
                try {
                    LeaderLease.Attempt attempt = lease.tryAcquire();
                    if (!attempt.acquired()) {
                        state.standby("instance " + attempt.holder() + " holds the relay lease (epoch "
                                + attempt.epoch() + ")");
                        pause(untilNextAttempt(attempt.remaining()));
                        continue;
                    }
                    log.info(
                            "Instance {} holds the relay lease (epoch {}); starting the engine",
                            relay.instanceId(),
                            attempt.epoch());
                    Outcome outcome = lead(attempt.epoch());
                    lease.release();
                    if (outcome == Outcome.FENCED) {
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
        } finally {
            lease.release();
        }
    }

    private enum Outcome {
        STOPPED,
        FENCED
    }

    /** Runs the engine until shutdown or until the lease is gone (returns which) or a failure (throws). */
    private Outcome lead(long epoch) throws Exception {
        state.leaderStarting(epoch);
        try (Admin admin = kafka.admin()) {
            topics.ensure(admin);
        }
        startCheck.prepare();
        EngineRun run = new EngineRun(
                relay, EngineSettings.of(relay, database, kafka), kafka.producer(), state, metrics, clock);
        current = run;
        try {
            if (!running) {
                return Outcome.STOPPED;
            }
            run.start();
            while (true) {
                Duration left = lease.remaining();
                if (left.isZero()) {
                    run.fence();
                    String why = lease.lossReason();
                    log.error("Instance {} fenced itself: {}. Stopped publishing", relay.instanceId(), why);
                    state.fenced("fenced: " + why + "; stopped publishing");
                    return Outcome.FENCED;
                }
                EngineRun.Completion completion = run.awaitCompletion(
                        left.compareTo(relay.leaderCheckInterval()) < 0 ? left : relay.leaderCheckInterval());
                if (!running) {
                    return Outcome.STOPPED;
                }
                if (completion != null) {
                    throw new EngineFailedException(
                            "the Debezium engine stopped"
                                    + (completion.message().isBlank() ? "" : ": " + completion.message()),
                            completion.error());
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

    /** The next try of a standby: after the poll interval, or right after the holder's lease expires if sooner. */
    private Duration untilNextAttempt(Duration holderRemaining) {
        Duration expiry = holderRemaining.plus(EXPIRY_MARGIN);
        Duration next = expiry.compareTo(relay.leaderPollInterval()) < 0 ? expiry : relay.leaderPollInterval();
        return next.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : next;
    }

    private void pause(Duration duration) throws InterruptedException {
        synchronized (monitor) {
            if (running) {
                monitor.wait(Math.max(1, duration.toMillis()));
            }
        }
    }
}
