package dev.ordersystem.console.services;

import dev.ordersystem.console.ConsoleProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
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
 * of order-service ({@code /actuator/relay}) and the dead letters of notification-service (list, re-drive). The
 * services decide what the user may do (viewer: read; operator: also re-drive); their answer is passed on.
 */
@RestController
class ServicesController {

    static final String CLIENT = "ops-console";
    private static final int DEAD_LETTERS = 20;

    private final RestClient orderService;
    private final RestClient notificationService;

    ServicesController(ConsoleProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.orderService = client(requests, properties.orderService());
        this.notificationService = client(requests, properties.notificationService());
    }

    private static RestClient client(ClientHttpRequestFactory requests, URI base) {
        return RestClient.builder()
                .requestFactory(requests)
                .baseUrl(base.toString())
                .build();
    }

    @GetMapping("/api/relay")
    JsonNode relay(@RegisteredOAuth2AuthorizedClient(CLIENT) OAuth2AuthorizedClient user) {
        return orderService
                .get()
                .uri("/actuator/relay")
                .headers(headers -> headers.setBearerAuth(user.getAccessToken().getTokenValue()))
                .retrieve()
                .body(JsonNode.class);
    }

    @GetMapping("/api/dead-letters")
    JsonNode deadLetters(@RegisteredOAuth2AuthorizedClient(CLIENT) OAuth2AuthorizedClient user) {
        return notificationService
                .get()
                .uri("/ops/dead-letters?limit={limit}", DEAD_LETTERS)
                .headers(headers -> headers.setBearerAuth(user.getAccessToken().getTokenValue()))
                .retrieve()
                .body(JsonNode.class);
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
