package dev.ordersystem.system.e2e;

import dev.ordersystem.localstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the services' REST and actuator endpoints with a bearer token, for checks and for waiting on their state. */
final class Rest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Rest() {}

    /** The JSON body of {@code GET url}, or empty when it cannot be reached or does not answer 200. */
    static Optional<JsonNode> get(String url, String accessToken) {
        return send(url, accessToken, false);
    }

    /**
     * The records a notification-service instance found already processed since it started (its counter
     * {@code notifications.events{outcome=duplicate}}, all event types), or -1 if it cannot be read; {@code
     * accessToken} is an operator's or a viewer's.
     */
    static long duplicatesSeen(ServiceProcess notifier, String accessToken) {
        Optional<String> metrics = notifier.get("/actuator/prometheus", accessToken);
        if (metrics.isEmpty()) {
            return -1;
        }
        Matcher samples = Pattern.compile("(?m)^notifications_events_total\\{([^}]*)} ([0-9.eE+-]+)$")
                .matcher(metrics.get());
        double sum = 0;
        while (samples.find()) {
            if (samples.group(1).contains("outcome=\"duplicate\"")) {
                sum += Double.parseDouble(samples.group(2));
            }
        }
        return (long) sum;
    }

    /** The JSON body of {@code GET url} whatever the status (health answers 503 with a body when DOWN). */
    static Optional<JsonNode> body(String url, String accessToken) {
        return send(url, accessToken, true);
    }

    /** {@code POST url} without a body; the status of the answer. */
    static int post(String url, String accessToken) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.noBody());
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<JsonNode> send(String url, String accessToken, boolean anyStatus) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .GET();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && !(anyStatus && response.body().startsWith("{"))) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
