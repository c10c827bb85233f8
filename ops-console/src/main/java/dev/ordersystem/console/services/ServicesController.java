package dev.ordersystem.console.services;

import dev.ordersystem.console.ConsoleProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * The services' own operator endpoints, called with the logged-in user's access token (token relay): the relay status
 * of order-service ({@code /actuator/relay}), the dead letters of notification-service (list, re-drive) and the journey
 * of one order (both services' journeys, joined). The services decide what the user may do (viewer: read; operator: also re-drive); their answer is passed on.
 */
@RestController
class ServicesController {

    static final String CLIENT = "ops-console";
    private static final int DEAD_LETTERS = 20;

    private final RestClient orderService;
    private final RestClient notificationService;
    private final URI traceUi;

    ServicesController(ConsoleProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.orderService = client(requests, properties.orderService());
        this.notificationService = client(requests, properties.notificationService());
        this.traceUi = properties.traceUi();
    }

    private static RestClient client(ClientHttpRequestFactory requests, URI base) {
        return RestClient.builder()
                .requestFactory(requests)
                .baseUrl(base.toString())
                .build();
    }

    /**
     * What a status panel shows of a service, which the page polls: the service's answer ({@code ok}), or why there is
     * none (it cannot be reached, or refused, e.g. 401 once the token has expired). Always a 200: a service that is
     * down is what the panel shows, not a failed request of the page.
     */
    record PanelData(
            boolean ok, @Nullable JsonNode body, @Nullable String detail) {}

    @GetMapping("/api/relay")
    PanelData relay(@RegisteredOAuth2AuthorizedClient(CLIENT) OAuth2AuthorizedClient user) {
        return panel(() -> get(orderService, user, JsonNode.class, "/actuator/relay"));
    }

    @GetMapping("/api/dead-letters")
    PanelData deadLetters(@RegisteredOAuth2AuthorizedClient(CLIENT) OAuth2AuthorizedClient user) {
        return panel(
                () -> get(notificationService, user, JsonNode.class, "/ops/dead-letters?limit={limit}", DEAD_LETTERS));
    }

    @PostMapping("/api/dead-letters/{partition}/{offset}/redrive")
    JsonNode redrive(
            @PathVariable int partition,
            @PathVariable long offset,
            @RegisteredOAuth2AuthorizedClient(CLIENT) OAuth2AuthorizedClient user) {
        return notificationService
                .post()
                .uri("/ops/dead-letters/{partition}/{offset}/redrive", partition, offset)
                .headers(headers -> headers.setBearerAuth(user.getAccessToken().getTokenValue()))
                .retrieve()
                .body(JsonNode.class);
    }

    /**
     * The journey of one order, both services' journeys joined by event id. A malformed id is a 400, an order that
     * order-service does not know its 404.
     */
    @GetMapping("/api/orders/{id}/journey")
    Journey journey(@PathVariable UUID id, @RegisteredOAuth2AuthorizedClient(CLIENT) OAuth2AuthorizedClient user) {
        Journey.Outbox outbox = get(orderService, user, Journey.Outbox.class, "/ops/orders/{id}/journey", id);
        Journey.Consumed consumed =
                get(notificationService, user, Journey.Consumed.class, "/ops/orders/{orderId}/journey", id);
        return Journey.join(outbox, consumed, traceUi);
    }

    private static <T> T get(
            RestClient service, OAuth2AuthorizedClient user, Class<T> type, String uri, Object... variables) {
        return Objects.requireNonNull(service.get()
                .uri(uri, variables)
                .headers(headers -> headers.setBearerAuth(user.getAccessToken().getTokenValue()))
                .retrieve()
                .body(type));
    }

    private static PanelData panel(Supplier<JsonNode> call) {
        try {
            return new PanelData(true, call.get(), null);
        } catch (RestClientResponseException e) {
            return new PanelData(
                    false, null, "The service answered " + e.getStatusCode().value());
        } catch (RestClientException e) {
            return new PanelData(false, null, "The service cannot be reached");
        }
    }

    /** The service's own status and problem, e.g. 403 for a viewer's re-drive, 401 once the token has expired. */
    @ExceptionHandler
    ProblemDetail serviceAnswered(RestClientResponseException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                e.getStatusCode(), "The service answered " + e.getStatusCode().value());
        problem.setProperty("service", e.getResponseBodyAsString());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail serviceUnreachable(RestClientException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The service cannot be reached");
    }
}
