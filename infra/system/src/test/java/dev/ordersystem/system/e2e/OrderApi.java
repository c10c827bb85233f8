package dev.ordersystem.system.e2e;

import static org.awaitility.Awaitility.await;

import dev.ordersystem.system.DemoAccount;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order API as its clients see it, each call with the bearer token of the account that makes it: staff places
 * orders for the scenarios' customers and cancels them, the payment client pays, the warehouse ships. HTTP/1.1
 * keep-alive connections from one {@link HttpClient} with a small thread pool. When the service cannot be reached (it was killed and is restarting, or the target is being switched) or
 * answers 503 (its database is unreachable) a call is retried until {@link #RETRY_FOR} has passed. Retries are safe:
 * creation carries an {@code Idempotency-Key}, and a transition answered 409 after a retry is accepted when the order
 * is in the target state, i.e. the first, unanswered attempt did commit. Every attempt's outcome is counted by status:
 * see {@link #answers()}.
 */
final class OrderApi implements AutoCloseable {

    /** How long a call keeps retrying while the service is unreachable (a restart takes well under this). */
    static final Duration RETRY_FOR = Duration.ofSeconds(120);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "order-api-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(executor)
            .build();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
    private final Function<DemoAccount, String> tokens;
    private volatile String baseUrl;

    /** @param tokens a valid access token of an account, whenever asked (every attempt asks again) */
    OrderApi(String baseUrl, Function<DemoAccount, String> tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    /** Sends later calls (and retries of running ones) to another instance. */
    void target(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Attempts that failed because the service could not be reached, and were retried. */
    int retries() {
        return retries.get();
    }

    /**
     * Every attempt so far, retried ones included, counted by the HTTP status of its answer ({@link Answers#NONE} for
     * an attempt that got no answer: connection refused or reset, timeout). Two snapshots give the answers of a window:
     * {@code api.answers().since(before)}.
     */
    Answers answers() {
        SortedMap<Integer, Long> counts = new TreeMap<>();
        answers.forEach((status, count) -> counts.put(status, count.sum()));
        return new Answers(counts);
    }

    /** Counts of answers by HTTP status, see {@link #answers()}. */
    record Answers(SortedMap<Integer, Long> byStatus) {

        /** The status under which attempts without an answer are counted. */
        static final int NONE = 0;

        Answers {
            byStatus = Collections.unmodifiableSortedMap(new TreeMap<>(byStatus));
        }

        long count(int status) {
            return byStatus.getOrDefault(status, 0L);
        }

        long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The answers given after {@code earlier}, an earlier snapshot of the same API client. */
        Answers since(Answers earlier) {
            SortedMap<Integer, Long> window = new TreeMap<>();
            byStatus.forEach((status, count) -> {
                long delta = count - earlier.count(status);
                if (delta > 0) {
                    window.put(status, delta);
                }
            });
            return new Answers(window);
        }

        /** {@code 200=240 201=120 503=37 none=2}, for a summary line. */
        @Override
        public String toString() {
            return byStatus.entrySet().stream()
                    .map(e -> (e.getKey() == NONE ? "none" : e.getKey().toString()) + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        }
    }

    /** {@code POST /orders} by staff for the customer, with an {@code Idempotency-Key}; returns the order id. */
    String place(String idempotencyKey, String customerId, int index) {
        String body = """
                {"customerId":"%s","customerEmail":"%s@example.com","currency":"EUR",\
                "lines":[{"sku":"SKU-%d","quantity":%d,"unitPrice":12.50},{"sku":"PEN-7","quantity":1,"unitPrice":3.99}]}\
                """.formatted(customerId, customerId, index % 7, 1 + index % 3);
        Call call = call(
                "/orders",
                DemoAccount.STAFF,
                builder -> builder.header("Idempotency-Key", idempotencyKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (call.response().statusCode() != 201) {
            throw unexpected("POST /orders", call.response());
        }
        return JSON.readTree(call.response().body()).get("id").asString();
    }

    /** By the payment client. */
    void pay(String orderId) {
        transition(orderId, "pay", DemoAccount.PAYMENT, "PAID", null);
    }

    /** By the warehouse. */
    void ship(String orderId) {
        transition(orderId, "ship", DemoAccount.WAREHOUSE, "SHIPPED", null);
    }

    /** By staff. */
    void cancel(String orderId, String reason) {
        transition(orderId, "cancel", DemoAccount.STAFF, "CANCELLED", "{\"reason\":\"" + reason + "\"}");
    }

    /** {@code GET /orders/{id}} by staff: the order's status. */
    String status(String orderId) {
        Call call = call("/orders/" + orderId, DemoAccount.STAFF, HttpRequest.Builder::GET);
        if (call.response().statusCode() != 200) {
            throw unexpected("GET /orders/" + orderId, call.response());
        }
        return JSON.readTree(call.response().body()).get("status").asString();
    }

    private void transition(
            String orderId, String action, DemoAccount caller, String targetStatus, @Nullable String json) {
        String path = "/orders/" + orderId + "/" + action;
        Call call = call(
                path,
                caller,
                builder -> json == null
                        ? builder.POST(HttpRequest.BodyPublishers.noBody())
                        : builder.header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json)));
        int status = call.response().statusCode();
        if (status == 200) {
            return;
        }
        // the first attempt committed but its answer was lost: the retry finds the order already there
        if (status == 409 && call.retried() && targetStatus.equals(status(orderId))) {
            return;
        }
        throw unexpected("POST " + path, call.response());
    }

    private record Call(HttpResponse<String> response, boolean retried) {}

    private interface RequestShape {
        HttpRequest.Builder apply(HttpRequest.Builder builder);
    }

    private Call call(String path, DemoAccount caller, RequestShape shape) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        AtomicReference<String> lastFailure = new AtomicReference<>("");
        AtomicInteger attempts = new AtomicInteger();
        try {
            await().pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .atMost(RETRY_FOR)
                    .until(() -> {
                        if (attempts.getAndIncrement() > 0) {
                            retries.incrementAndGet();
                        }
                        HttpRequest request = shape.apply(HttpRequest.newBuilder(URI.create(baseUrl + path))
                                        .timeout(REQUEST_TIMEOUT)
                                        .header("Authorization", "Bearer " + tokens.apply(caller)))
                                .build();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            count(response.statusCode());
                            if (response.statusCode() == 503) {
                                lastFailure.set("503 " + response.body());
                                return false;
                            }
                            answer.set(response);
                            return true;
                        } catch (IOException e) {
                            count(Answers.NONE);
                            lastFailure.set(e.toString());
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(
                    path + " could not be reached for " + RETRY_FOR + " (" + attempts.get() + " attempts); last: "
                            + lastFailure.get(),
                    e);
        }
        return new Call(answer.get(), attempts.get() > 1);
    }

    private void count(int status) {
        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    private static IllegalStateException unexpected(String what, HttpResponse<String> response) {
        return new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
