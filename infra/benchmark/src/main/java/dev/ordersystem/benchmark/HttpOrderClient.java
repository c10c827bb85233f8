package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A load-generator client that places one order per call with {@code POST /orders} over one kept-alive connection, for
 * the measured customer tag or the warm-up one, with a staff token (taken when the client opens); anything but {@code
 * 201} is an error.
 */
final class HttpOrderClient implements LoadGenerator.Client {

    private final HttpConnection http;
    private final byte[] measuredRequest;
    private final byte[] warmupRequest;

    private HttpOrderClient(ServiceProcess orderService, String token, String tag, String warmupTag) {
        this.http = new HttpConnection("localhost", orderService.port());
        this.measuredRequest = request(orderService, token, tag);
        this.warmupRequest = request(orderService, token, warmupTag);
    }

    /** Opens a connection for each client when asked to. */
    static Callable<HttpOrderClient> factory(
            ServiceProcess orderService, Supplier<String> staffToken, String tag, String warmupTag) {
        return () -> open(orderService, staffToken, tag, warmupTag);
    }

    static HttpOrderClient open(ServiceProcess orderService, Supplier<String> staffToken, String tag, String warmupTag)
            throws IOException {
        HttpOrderClient client = new HttpOrderClient(orderService, staffToken.get(), tag, warmupTag);
        client.http.connect();
        return client;
    }

    /**
     * Places {@code orders} orders back to back on one new connection, before anything is timed: what a freshly started
     * order-service does on its first requests (fetching the issuer's keys, initialising lazily, compiling the request
     * path) then happens here, not inside a phase's few seconds. A failed call is retried; fails with an error that
     * says so unless all of them were placed within {@code timeout} (checked between calls; one call waits at most the
     * connection's read timeout).
     */
    static void warmUp(
            ServiceProcess orderService, Supplier<String> staffToken, String tag, int orders, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpOrderClient client = open(orderService, staffToken, tag, tag)) {
            int placed = 0;
            @Nullable IOException lastError = null;
            while (placed < orders) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("order-service did not warm up: " + placed + " of " + orders
                            + " warm-up orders placed within " + timeout
                            + (lastError == null ? "" : ", last error: " + lastError));
                }
                try {
                    client.call(false);
                    placed++;
                } catch (IOException e) {
                    lastError = e;
                    Thread.sleep(100); // not ready yet: do not hammer it
                }
            }
        }
    }

    private static byte[] request(ServiceProcess orderService, String token, String tag) {
        return HttpConnection.postRequest("localhost", orderService.port(), "/orders", token, OrderRows.httpBody(tag));
    }

    /** Places an order; the event id is not in the answer, so it returns none. */
    @Override
    public @Nullable UUID call(boolean measured) throws IOException {
        int status = http.send(measured ? measuredRequest : warmupRequest);
        if (status != 201) {
            throw new IOException("POST /orders answered " + status);
        }
        return null;
    }

    @Override
    public void close() {
        http.close();
    }
}
