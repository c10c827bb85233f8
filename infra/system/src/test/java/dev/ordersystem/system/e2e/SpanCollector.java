package dev.ordersystem.system.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Zipkin-compatible span collector in the test JVM: the services export their spans to {@link #endpoint()} ({@code
 * POST /api/v2/spans}, Zipkin's JSON v2, as to a real Zipkin server), and the tests read them back by trace.
 */
final class SpanCollector implements AutoCloseable {

    /** One span as Zipkin's JSON v2 has it; {@code parentId} is null for the root of a trace. */
    record Span(
            String traceId,
            String id,
            @Nullable String parentId,
            String name,
            @Nullable String kind,
            String service,
            Map<String, String> tags) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Queue<Span> spans = new ConcurrentLinkedQueue<>();

    private SpanCollector(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port of the loopback address. */
    static SpanCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SpanCollector collector = new SpanCollector(server);
            server.createContext("/api/v2/spans", collector::collect);
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a service's {@code management.tracing.export.zipkin.endpoint} names. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans";
    }

    /** The spans of one trace received so far. */
    List<Span> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void collect(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            for (JsonNode span : JSON.readTree(body)) {
                spans.add(new Span(
                        span.path("traceId").asString(),
                        span.path("id").asString(),
                        span.hasNonNull("parentId") ? span.get("parentId").asString() : null,
                        span.path("name").asString(),
                        span.hasNonNull("kind") ? span.get("kind").asString() : null,
                        span.path("localEndpoint").path("serviceName").asString(),
                        tags(span)));
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    private static Map<String, String> tags(JsonNode span) {
        Map<String, String> tags = new TreeMap<>();
        span.path("tags")
                .properties()
                .forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
        return tags;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
