package dev.ordersystem.orders.support;

import dev.ordersystem.localstack.openapi.OpenApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * HTTP calls to the order service on a port, with a bearer token or without one; every exchange is checked against the
 * committed OpenAPI document ({@link OpenApiContract}).
 */
public final class ApiClient {

    /** The service's committed OpenAPI document. */
    public static final Path OPENAPI_DOCUMENT = Path.of("src/main/openapi/order-service.openapi.json");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final @Nullable String token;

    public ApiClient(int port, @Nullable String token) {
        this.port = port;
        this.token = token;
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> post(String path, @Nullable String contentType, String body, String... headers) {
        var request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, headers);
    }

    public HttpResponse<String> postJson(String path, String body, String... headers) {
        return post(path, "application/json", body, headers);
    }

    public HttpResponse<String> postEmpty(String path, String... headers) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path).GET(), headers);
    }

    /** A request to {@code path} on the service; {@link #send} adds the token. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    /** Sends the request with the token (if any) and the header name/value pairs. */
    public HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP request failed", e);
        }
        OpenApiContract.check(OPENAPI_DOCUMENT, response);
        return response;
    }
}
