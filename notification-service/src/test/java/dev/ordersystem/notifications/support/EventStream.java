package dev.ordersystem.notifications.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A server-sent-event stream of the service, read line by line in the background: its events are awaited one by one
 * with a bounded wait, and all are kept.
 */
public final class EventStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    /** One event: its name, its id (null if it has none) and its data as JSON. */
    public record Event(String name, @Nullable String id, JsonNode data) {}

    /** Opens the stream with these header name/value pairs, e.g. {@code Authorization} and {@code Last-Event-ID}. */
    public EventStream(URI uri, String... headers) {
        var request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            String[] event = new String[3];
            r.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    event[0] = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    event[1] = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    event[2] = line.substring(5).trim();
                } else if (line.isEmpty() && event[0] != null) {
                    var complete = new Event(event[0], event[1], IntegrationTestSupport.JSON.readTree(event[2]));
                    received.add(complete);
                    events.add(complete);
                    event[0] = null;
                    event[1] = null;
                    event[2] = null;
                }
            });
        });
    }

    /** The status of the response, once its head has arrived. */
    public int status(Duration wait) throws Exception {
        return response.get(wait.toMillis(), TimeUnit.MILLISECONDS).statusCode();
    }

    /** The data of the next event of this name; other events before it are skipped. */
    public JsonNode awaitEvent(String name, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = events.poll(200, TimeUnit.MILLISECONDS);
            if (event != null && event.name().equals(name)) {
                return event.data();
            }
        }
        throw new AssertionError("no '" + name + "' event within " + wait);
    }

    /** The ids of the {@code notification} events received so far, in the order they came. */
    public List<String> notificationIds() {
        return received.stream()
                .filter(event -> event.name().equals("notification"))
                .map(Event::id)
                .toList();
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
