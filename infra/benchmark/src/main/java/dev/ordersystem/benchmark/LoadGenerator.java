package dev.ordersystem.benchmark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Drives clients (an HTTP connection, a JDBC connection) in a closed loop (as fast as they answer) or an open loop (at
 * a fixed offered rate, whatever the answers do).
 *
 * <p><b>Coordinated omission.</b> In the open loop a scheduler thread puts the <em>intended</em> start time of every
 * request on a queue at a constant rate; a pool of connections takes them in order. The latency of a request is
 * measured from its intended start, not from when a connection got round to sending it, so time spent waiting behind a
 * slow request counts (as it would for a user), exactly like wrk2. The service time (from the actual send) is kept
 * too, to show how much of the latency is queueing. Requests still unanswered when the phase is abandoned count with
 * the time they had waited so far.
 */
final class LoadGenerator {

    /** One connection's worth of work: performs one operation, returns the event id it created if it knows it. */
    interface Client extends AutoCloseable {
        @Nullable
        UUID call(boolean measured) throws Exception;
    }

    /** A closed loop: {@code threads} clients call back to back; calls started after the warm-up are measured. */
    record ClosedLoop(int threads, Duration warmup, Duration measure) {}

    /**
     * An open loop: {@code rate} calls per second for {@code warmup + measure} on {@code connections} clients; calls
     * intended after the warm-up are measured; calls still queued or running {@code grace} after the window count as
     * abandoned.
     */
    record OpenLoop(int rate, Duration warmup, Duration measure, int connections, Duration grace) {}

    /**
     * @param offeredRate requests per second scheduled
     * @param achievedRate measured requests answered per second of the measurement window
     * @param latencyMs from intended start to answer (coordinated omission corrected)
     * @param serviceTimeMs from actual send to answer
     * @param ids event ids returned by measured calls
     * @param firstError the first call that failed, if one did
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OpenLoopResult(
            double offeredRate,
            double achievedRate,
            double seconds,
            int scheduled,
            int completed,
            int errors,
            int abandoned,
            Samples.Summary latencyMs,
            Samples.Summary serviceTimeMs,
            @JsonIgnore List<UUID> ids,
            @Nullable String firstError) {}

    /** @param firstError the first call that failed, if one did */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClosedLoopResult(
            int threads,
            double seconds,
            int completed,
            int errors,
            double throughputPerSecond,
            Samples.Summary latencyMs,
            @Nullable String firstError) {}

    private static final long STOP = Long.MIN_VALUE;

    private LoadGenerator() {}

    /** Runs an open loop on clients from {@code factory}, one per connection. */
    static OpenLoopResult openLoop(OpenLoop load, Callable<? extends Client> factory) throws Exception {
        List<Client> clients = open(factory, load.connections());
        LinkedBlockingQueue<Long> queue = new LinkedBlockingQueue<>();
        Samples latency = new Samples();
        Samples service = new Samples();
        List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong firstErrorAt = new AtomicLong();
        String[] firstError = new String[1];
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureFrom = start + load.warmup().toNanos();
        long end = measureFrom + load.measure().toNanos();
        Map<Thread, AtomicLong> running = new ConcurrentHashMap<>();
        AtomicBoolean over = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (Client client : clients) {
            Thread worker = new Thread(
                    () -> {
                        AtomicLong current = new AtomicLong();
                        running.put(Thread.currentThread(), current);
                        while (true) {
                            Long intended;
                            try {
                                intended = queue.take();
                            } catch (InterruptedException e) {
                                return;
                            }
                            if (intended == STOP) {
                                return;
                            }
                            boolean measured = intended >= measureFrom;
                            current.set(measured ? intended : 0);
                            long began = System.nanoTime();
                            try {
                                UUID id = client.call(measured);
                                long done = System.nanoTime();
                                if (measured && !over.get()) {
                                    latency.addNanos(done - intended);
                                    service.addNanos(done - began);
                                    completed.incrementAndGet();
                                    if (id != null) {
                                        ids.add(id);
                                    }
                                }
                            } catch (Exception e) {
                                if (measured) {
                                    errors.incrementAndGet();
                                }
                                if (firstErrorAt.compareAndSet(0, System.nanoTime())) {
                                    firstError[0] = e.toString();
                                }
                            } finally {
                                current.set(0);
                            }
                        }
                    },
                    "load-" + workers.size());
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        double periodNanos = 1e9 / load.rate();
        int scheduled = 0;
        for (long i = 0; ; i++) {
            long intended = start + (long) (i * periodNanos);
            if (intended >= end) {
                break;
            }
            long wait = intended - System.nanoTime();
            while (wait > 0) {
                LockSupport.parkNanos(wait);
                wait = intended - System.nanoTime();
            }
            queue.add(intended);
            if (intended >= measureFrom) {
                scheduled++;
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            queue.add(STOP);
        }
        long deadline = System.nanoTime() + load.grace().toNanos();
        for (Thread worker : workers) {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        // whatever is still queued or running was never answered: it counts with the time it waited so far
        over.set(true);
        long now = System.nanoTime();
        int abandoned = 0;
        for (Long intended : queue) {
            if (intended != STOP && intended >= measureFrom) {
                latency.addNanos(now - intended);
                abandoned++;
            }
        }
        queue.clear();
        for (AtomicLong current : running.values()) {
            long intended = current.get();
            if (intended != 0) {
                latency.addNanos(now - intended);
                abandoned++;
            }
        }
        for (Thread worker : workers) {
            worker.interrupt();
        }
        closeAll(clients);
        double seconds = load.measure().toNanos() / 1e9;
        return new OpenLoopResult(
                load.rate(),
                completed.get() / seconds,
                seconds,
                scheduled,
                completed.get(),
                errors.get(),
                abandoned,
                latency.summary(),
                service.summary(),
                List.copyOf(ids),
                firstError[0]);
    }

    /** Runs a closed loop on clients from {@code factory}, one per thread. */
    static ClosedLoopResult closedLoop(ClosedLoop load, Callable<? extends Client> factory) throws Exception {
        List<Client> clients = open(factory, load.threads());
        Samples latency = new Samples();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        long measureFrom = start + load.warmup().toNanos();
        long end = measureFrom + load.measure().toNanos();
        List<Thread> workers = new ArrayList<>();
        for (Client client : clients) {
            Thread worker = new Thread(
                    () -> {
                        while (true) {
                            long began = System.nanoTime();
                            if (began >= end) {
                                return;
                            }
                            boolean measured = began >= measureFrom;
                            try {
                                client.call(measured);
                                if (measured) {
                                    latency.addNanos(System.nanoTime() - began);
                                    completed.incrementAndGet();
                                }
                            } catch (Exception e) {
                                if (measured) {
                                    errors.incrementAndGet();
                                }
                                synchronized (firstError) {
                                    if (firstError[0] == null) {
                                        firstError[0] = e.toString();
                                    }
                                }
                            }
                        }
                    },
                    "closed-loop-" + workers.size());
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        closeAll(clients);
        double seconds = load.measure().toNanos() / 1e9;
        return new ClosedLoopResult(
                load.threads(),
                seconds,
                completed.get(),
                errors.get(),
                completed.get() / seconds,
                latency.summary(),
                firstError[0]);
    }

    private static List<Client> open(Callable<? extends Client> factory, int count) throws Exception {
        List<Client> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                clients.add(factory.call());
            }
            return clients;
        } catch (Exception e) {
            closeAll(clients);
            throw e;
        }
    }

    private static void closeAll(List<Client> clients) {
        for (Client client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // closing a benchmark connection: nothing to do about it
            }
        }
    }
}
