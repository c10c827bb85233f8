package dev.ordersystem.system.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Places a fixed number of orders through the REST API and takes each through its {@link OrderFlow}, from a few
 * threads, optionally paced to a steady rate. Every order that completes is remembered with its flow, so that the
 * events it must have caused are known.
 */
final class LoadGenerator implements AutoCloseable {

    private final String scenario;
    private final int firstIndex;
    private final int orders;
    private final int customers;
    private final OrderApi api;
    private final ExecutorService workers;
    private final @Nullable ScheduledExecutorService pacer;
    private final @Nullable Semaphore permits;
    private final AtomicInteger next;
    private final Queue<PlacedOrder> completed = new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running;
    private volatile boolean stopped;

    private LoadGenerator(
            String scenario, int firstIndex, int orders, int threads, double ordersPerSecond, OrderApi api) {
        this.scenario = scenario;
        this.firstIndex = firstIndex;
        this.next = new AtomicInteger(firstIndex);
        this.orders = orders;
        this.customers = Math.max(1, Math.min(50, orders / 8));
        this.api = api;
        this.running = new AtomicInteger(threads);
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "load-" + scenario);
            thread.setDaemon(true);
            return thread;
        });
        if (ordersPerSecond > 0) {
            this.permits = new Semaphore(0);
            this.pacer = Executors.newSingleThreadScheduledExecutor();
            long periodMicros = (long) (1_000_000 / ordersPerSecond);
            pacer.scheduleAtFixedRate(permits::release, 0, periodMicros, TimeUnit.MICROSECONDS);
        } else {
            this.permits = null;
            this.pacer = null;
        }
    }

    /**
     * Starts placing {@code orders} orders for customers {@code e2e-<scenario>-c<n>} from {@code threads} threads;
     * {@code ordersPerSecond} 0 means as fast as the service answers. The orders are numbered from {@code firstIndex}
     * (their idempotency keys are {@code <scenario>-<number>}), so that a later load of the same scenario places new
     * orders rather than replaying the earlier ones.
     */
    static LoadGenerator start(
            OrderApi api, String scenario, int firstIndex, int orders, int threads, double ordersPerSecond) {
        LoadGenerator load = new LoadGenerator(scenario, firstIndex, orders, threads, ordersPerSecond, api);
        for (int i = 0; i < threads; i++) {
            load.workers.execute(load::work);
        }
        load.workers.shutdown();
        return load;
    }

    /** The customer id prefix of a scenario: every order of the scenario belongs to a customer with it. */
    static String customerPrefix(String scenario) {
        return "e2e-" + scenario + "-";
    }

    /** Orders taken through their whole flow so far. */
    int completed() {
        return completed.size();
    }

    /** Waits, a minute at the most, until at least {@code orders} orders are through their flow. */
    void awaitCompleted(int orders) {
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> completed() >= orders);
    }

    boolean isDone() {
        return running.get() == 0;
    }

    /** Waits until every order is through its flow and returns them; fails if the API failed for good. */
    List<PlacedOrder> awaitCompletion(Duration timeout) {
        try {
            if (!workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stopped = true;
                throw new IllegalStateException("The load of " + scenario + " did not finish within " + timeout + ": "
                        + completed() + " of " + orders + " orders done");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            close();
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException(
                    "The load of " + scenario + " failed (" + failures.size() + " failures); first: "
                            + failures.peek().getMessage(),
                    failures.peek());
            throw failure;
        }
        return List.copyOf(completed);
    }

    private void work() {
        try {
            for (int i = next.getAndIncrement(); i < firstIndex + orders && !stopped; i = next.getAndIncrement()) {
                if (permits != null) {
                    permits.acquire();
                }
                completed.add(runFlow(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.add(e);
            stopped = true;
        } finally {
            running.decrementAndGet();
        }
    }

    private PlacedOrder runFlow(int index) {
        String customer = customerPrefix(scenario) + "c" + (index % customers);
        OrderFlow flow = OrderFlow.forIndex(index);
        String orderId = api.place(scenario + "-" + index, customer, index);
        switch (flow) {
            case PAY_AND_SHIP -> {
                api.pay(orderId);
                api.ship(orderId);
            }
            case CANCEL -> api.cancel(orderId, "changed my mind");
            case PAY_AND_CANCEL -> {
                api.pay(orderId);
                api.cancel(orderId, "found it cheaper");
            }
        }
        return new PlacedOrder(orderId, customer, flow);
    }

    @Override
    public void close() {
        stopped = true;
        workers.shutdownNow();
        if (pacer != null) {
            pacer.shutdownNow();
        }
    }
}
