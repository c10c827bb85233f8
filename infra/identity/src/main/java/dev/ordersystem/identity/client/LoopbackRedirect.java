package dev.ordersystem.identity.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect target of a native client (RFC 8252, section 7.3): an HTTP listener on {@code 127.0.0.1} and an
 * ephemeral port that takes the first request to {@code /callback} as the authorization response.
 */
final class LoopbackRedirect implements AutoCloseable {

    private static final String PATH = "/callback";

    private final HttpServer server;
    private final CompletableFuture<Map<String, String>> response = new CompletableFuture<>();

    private LoopbackRedirect(HttpServer server) {
        this.server = server;
        server.createContext(PATH, this::handle);
        server.start();
    }

    static LoopbackRedirect open() {
        try {
            return new LoopbackRedirect(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on the loopback interface for the redirect", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/callback}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** Whether a redirect goes to this listener. */
    boolean isTarget(URI location) {
        URI own = uri();
        return own.getHost().equals(location.getHost())
                && own.getPort() == location.getPort()
                && own.getPath().equals(location.getPath());
    }

    /** The query parameters of the authorization response ({@code code} and {@code state}, or {@code error}). */
    Map<String, String> await(Duration timeout) {
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TokenRequestException("No authorization response at " + uri() + " within " + timeout);
        } catch (ExecutionException e) {
            throw new TokenRequestException("The authorization response failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException("Interrupted while waiting for the authorization response", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> parameters =
                FormEncoding.decode(exchange.getRequestURI().getRawQuery());
        response.complete(parameters);
        byte[] page = (parameters.containsKey("error")
                        ? "Login failed: " + parameters.get("error") + ". You can close this window."
                        : "Logged in. You can close this window and return to the terminal.")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
