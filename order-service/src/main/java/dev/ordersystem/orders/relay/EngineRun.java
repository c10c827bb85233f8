package dev.ordersystem.orders.relay;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the Debezium engine, from start to stop or failure, with the producer it publishes through. The engine
 * runs on its own thread; its end (clean or failed) arrives through the {@link DebeziumEngine.CompletionCallback},
 * which is the only way the async engine reports a failure.
 */
final class EngineRun implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineRun.class);

    /**
     * How long {@link #close()} waits for the engine to stop (its final offset flush included) before it gives up on it
     * and closes the producer anyway; part of the service's 10 s shutdown budget.
     */
    static final Duration STOP_WAIT = Duration.ofSeconds(4);

    private static final Duration PRODUCER_CLOSE_WAIT = Duration.ofSeconds(1);

    /** How the engine ended, as the completion callback told. */
    record Completion(
            boolean success, String message, @Nullable Throwable error) {}

    private final Producer<byte[], byte[]> producer;
    private final OutboxPublisher publisher;
    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final CompletableFuture<Completion> completion = new CompletableFuture<>();
    private final ExecutorService thread;
    private volatile boolean stopping;
    private volatile boolean started;

    /** Takes over {@code producer}: the run closes it. */
    EngineRun(
            RelayProperties relay,
            Properties engineSettings,
            Producer<byte[], byte[]> producer,
            RelayState state,
            RelayMetrics metrics,
            Clock clock) {
        this.producer = producer;
        this.publisher = new OutboxPublisher(producer, relay.topic(), relay.maxBatchSize(), state, metrics, clock);
        try {
            this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(engineSettings)
                    .using(this::completed)
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void pollingStarted() {
                            log.info("Outbox relay engine is polling (slot {})", relay.slotName());
                        }
                    })
                    .notifying(publisher)
                    .build();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "order-relay-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the engine on its thread, unless the run is already being closed. */
    synchronized void start() {
        if (!stopping) {
            started = true;
            thread.execute(engine);
        }
    }

    /** Waits up to {@code timeout} for the engine to end; {@code null} while it still runs. */
    @Nullable
    Completion awaitCompletion(Duration timeout) throws InterruptedException {
        try {
            return completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never completed exceptionally
        }
    }

    /**
     * The lease is lost or could not be renewed in time: stops publishing at once. Sends in flight fail, the current batch is not marked processed, and
     * a batch handed over later fails before it publishes anything.
     */
    void fence() {
        stopping = true;
        publisher.fence();
        producer.close(Duration.ZERO);
    }

    /**
     * Stops the engine (it stores the acknowledged offsets on the way out), then closes the producer. Waits at most
     * {@link #STOP_WAIT} for the engine: Debezium's own stop may block for minutes on a connection that does not answer,
     * so it runs on a thread of its own, and an engine that has not stopped by then is left behind without a producer
     * (it cannot publish anything more).
     */
    @Override
    public synchronized void close() {
        stopping = true;
        try {
            if (started && !completion.isDone()) {
                Thread stopper = new Thread(this::stopEngine, "order-relay-engine-stop");
                stopper.setDaemon(true);
                stopper.start();
                if (awaitCompletion(STOP_WAIT) == null) {
                    log.warn("The Debezium engine did not stop within {}; leaving it without a producer", STOP_WAIT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread.shutdownNow();
            producer.close(publisher.isFenced() ? Duration.ZERO : PRODUCER_CLOSE_WAIT);
        }
    }

    /** Asks the engine to stop; retries while its tasks are still starting (it refuses to stop then). */
    private void stopEngine() {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            while (!completion.isDone() && System.nanoTime() < deadline) {
                try {
                    engine.close();
                    return;
                } catch (IllegalStateException e) {
                    awaitCompletion(Duration.ofMillis(100)); // starting its tasks, or already stopping
                }
            }
        } catch (IOException e) {
            log.warn("Closing the Debezium engine failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void completed(boolean success, String message, @Nullable Throwable error) {
        if (!success && !stopping) {
            log.error(
                    "The Debezium engine of the outbox relay failed: {}",
                    FailureReason.of(error != null ? new RelayException(message, error) : new RelayException(message)));
        } else {
            log.info("The Debezium engine of the outbox relay stopped: {}", message);
        }
        completion.complete(new Completion(success, message == null ? "" : message, error));
    }
}
