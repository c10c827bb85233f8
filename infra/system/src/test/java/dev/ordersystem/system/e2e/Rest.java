package dev.ordersystem.system.e2e;

import dev.ordersystem.localstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the services' REST and actuator endpoints, for checks and for waiting on their state. */
final class Rest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Rest() {}

    /** The JSON body of {@code GET url}, or empty when it cannot be reached or does not answer 200. */
    static Optional<JsonNode> get(String url) {
        return get(url, null, null);
    }

    /**
     * The records a notification-service instance found already processed since it started (its counter
     * {@code notifications.events{outcome=duplicate}}, all event types), or -1 if it cannot be read.
     */
    static long duplicatesSeen(ServiceProcess notifier) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(notifier.baseUrl() + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher samples = Pattern.compile("(?m)^notifications_events_total\\{([^}]*)} ([0-9.eE+-]+)$")
                    .matcher(response.body());
            double sum = 0;
            while (samples.find()) {
                if (samples.group(1).contains("outcome=\"duplicate\"")) {
                    sum += Double.parseDouble(samples.group(2));
                }
            }
            return (long) sum;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The JSON body of {@code GET url} whatever the status (health answers 503 with a body when DOWN). */
    static Optional<JsonNode> body(String url) {
        return send(url, null, null, true);
    }

    /** As {@link #get(String)}, with HTTP Basic credentials. */
    static Optional<JsonNode> get(String url, @Nullable String user, @Nullable String password) {
        return send(url, user, password, false);
    }

    /** {@code POST url} without a body as an operator; the status of the answer. */
    static int postAsOperator(String url) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic("operator", "operator-secret"))
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

    private static String basic(String user, @Nullable String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<JsonNode> send(
            String url, @Nullable String user, @Nullable String password, boolean anyStatus) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET();
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
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
