package dev.ordersystem.notifications.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.NotificationRows;
import dev.ordersystem.notifications.support.Tokens;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix of the README, cell by cell: every caller (real tokens of the demo's identity server)
 * against every endpoint of the service, including the SSE stream, every exposed actuator endpoint and the API docs.
 * 401 and 403 are problem+json with {@code WWW-Authenticate}; a customer asking for another customer's feed, stream
 * or notification gets 404 without data. The table must name every endpoint the service maps: a new endpoint fails
 * {@link #everyEndpointOfTheServiceHasARow()} until its row says who may call it. Forged tokens all get 401.
 */
class AuthorizationMatrixIntegrationTests extends IntegrationTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A notification of customer ada, for the rows of one notification. */
    private static @Nullable UUID adaNotification;

    @Autowired
    private ApplicationContext context;

    /** The callers, in the order of the table's columns. */
    enum Caller {
        ANONYMOUS(() -> null),
        ADA(() -> Tokens.customer("ada")),
        GRACE(() -> Tokens.customer("grace")),
        PAYMENT(Tokens::payment),
        WAREHOUSE(Tokens::warehouse),
        STAFF(Tokens::staff),
        OPERATOR(Tokens::operator),
        VIEWER(Tokens::viewer);

        private final Supplier<@Nullable String> token;

        Caller(Supplier<@Nullable String> token) {
            this.token = token;
        }
    }

    /**
     * The matrix: an endpoint (method, mapped path; {@code *} any method), a request that reaches it, and the status
     * that each caller gets, in the order of {@link Caller}.
     */
    private static final String MATRIX = """
            # endpoint                                             request                                anon  ada   grace pay   ware  staff oper  view
            GET    /customers/{customerId}/notifications           /customers/ada/notifications           401   200   404   403   403   200   403   403
            GET    /customers/{customerId}/notifications/stream    /customers/ada/notifications/stream    401   200   404   403   403   200   403   403
            GET    /notifications/{id}                             /notifications/{adaNotification}       401   200   404   403   403   200   403   403
            GET    /ops/consumer-lag                               /ops/consumer-lag                      401   403   403   403   403   403   200   200
            GET    /ops/dead-letters                               /ops/dead-letters                      401   403   403   403   403   403   200   200
            GET    /ops/orders/{orderId}/journey                   /ops/orders/{randomOrder}/journey      401   403   403   403   403   403   200   200
            POST   /ops/dead-letters/{partition}/{offset}/redrive  /ops/dead-letters/0/999999999/redrive  401   403   403   403   403   403   404   403
            POST   /ops/dead-letters/redrive                       /ops/dead-letters/redrive              401   403   403   403   403   403   200   403
            POST   /ops/dead-letters/{partition}/{offset}/discard  /ops/dead-letters/0/999999999/discard  401   403   403   403   403   403   404   403
            GET    /actuator/health/liveness                       /actuator/health/liveness              200   200   200   200   200   200   200   200
            GET    /actuator/health/readiness                      /actuator/health/readiness             200   200   200   200   200   200   200   200
            GET    /actuator/health                                /actuator/health                       401   403   403   403   403   403   200   200
            GET    /actuator/health/**                             /actuator/health/db                    401   403   403   403   403   403   200   200
            GET    /actuator                                       /actuator                              401   403   403   403   403   403   200   200
            GET    /actuator/info                                  /actuator/info                         401   403   403   403   403   403   200   200
            GET    /actuator/prometheus                            /actuator/prometheus                   401   403   403   403   403   403   200   200
            GET    /v3/api-docs                                    /v3/api-docs                           200   200   200   200   200   200   200   200
            GET    /v3/api-docs.yaml                               /v3/api-docs.yaml                      200   200   200   200   200   200   200   200
            GET    /v3/api-docs/swagger-config                     /v3/api-docs/swagger-config            200   200   200   200   200   200   200   200
            GET    /swagger-ui.html                                /swagger-ui.html                       302   302   302   302   302   302   302   302
            GET    /swagger-ui/**                                  /swagger-ui/index.html                 200   200   200   200   200   200   200   200
            # anything else is closed
            *      /error                                          /error                                 401   403   403   403   403   403   403   403
            GET    /**                                             /not-an-endpoint                       401   403   403   403   403   403   403   403
            POST   /customers/{customerId}/notifications           /customers/ada/notifications           401   403   403   403   403   403   403   403
            DELETE /notifications/{id}                             /notifications/{adaNotification}       401   403   403   403   403   403   403   403
            """;

    /** A row of the matrix. */
    record Row(String method, String mapping, String path, List<Integer> statuses) {

        static List<Row> all() {
            return MATRIX.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.trim().split("\\s+"))
                    .map(cells -> new Row(
                            cells[0],
                            cells[1],
                            cells[2],
                            Arrays.stream(cells, 3, cells.length)
                                    .map(Integer::valueOf)
                                    .toList()))
                    .toList();
        }
    }

    @BeforeEach
    void adaHasANotification() {
        if (adaNotification == null) {
            adaNotification = NotificationRows.insert(jdbc, "ada", 1).get(0);
        }
    }

    static Stream<Arguments> cells() {
        return Row.all().stream()
                .flatMap(row -> Arrays.stream(Caller.values())
                        .map(caller -> arguments(
                                row.method(), row.path(), caller, row.statuses().get(caller.ordinal()))));
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @MethodSource("cells")
    void callerGetsTheStatusOfTheMatrix(String method, String path, Caller caller, int status) throws Exception {
        String token = caller.token.get();

        Response response = send("*".equals(method) ? "GET" : method, path, token);

        assertThat(response.status()).isEqualTo(status);
        if (status == 401 || status == 403) {
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.json().get("type").asString())
                    .isEqualTo(
                            status == 401
                                    ? "urn:ordersystem:problem:unauthorized"
                                    : "urn:ordersystem:problem:forbidden");
            assertThat(response.wwwAuthenticate()).startsWith("Bearer");
        }
        if (status == 404 && caller == Caller.GRACE) {
            // another customer's: answered like a missing one, no data
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.json().get("type").asString()).endsWith("-not-found");
            assertThat(response.json().has("items")).isFalse();
            assertThat(response.json().has("body")).isFalse();
        }
    }

    @Test
    void anotherCustomersNotificationIsAnsweredExactlyLikeAMissingOne() throws Exception {
        String grace = Tokens.customer("grace");

        JsonNode others =
                send("GET", "/notifications/" + adaNotification, grace).json();
        JsonNode missing =
                send("GET", "/notifications/" + UUID.randomUUID(), grace).json();

        assertThat(others.propertyNames()).containsExactlyInAnyOrderElementsOf(missing.propertyNames());
        assertThat(others.get("type")).isEqualTo(missing.get("type"));
        assertThat(others.get("title")).isEqualTo(missing.get("title"));
    }

    @Test
    void everyEndpointOfTheServiceHasARow() {
        Set<String> mapped = new TreeSet<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(info -> {
                    Set<String> methods =
                            info.getMethodsCondition().getMethods().isEmpty()
                                    ? Set.of("*")
                                    : info.getMethodsCondition().getMethods().stream()
                                            .map(Enum::name)
                                            .collect(java.util.stream.Collectors.toSet());
                    methods.forEach(m -> info.getPatternValues().forEach(p -> mapped.add(m + " " + p)));
                }));
        Set<String> rows = new TreeSet<>();
        Row.all().forEach(row -> rows.add(row.method() + " " + row.mapping()));

        assertThat(rows).as("the matrix has a row for every endpoint").containsAll(mapped);
    }

    static Stream<Arguments> forgedTokens() throws Exception {
        Instant now = Instant.now();
        Map<String, Object> ada = Map.of("sub", "ada", "roles", List.of("customer"));
        String real = Tokens.customer("ada");
        String kid = SignedJWT.parse(real).getHeader().getKeyID();
        return Stream.of(
                arguments("none", null),
                arguments(
                        "expired, signed with the real key",
                        Tokens.server().sign(ada, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))),
                arguments("signed with another key (same key id)", signedWithAnotherKey(kid, ada, now)),
                arguments(
                        "another issuer, signed with the real key",
                        Tokens.server()
                                .sign(
                                        Map.of(
                                                "sub",
                                                "ada",
                                                "roles",
                                                List.of("customer"),
                                                "iss",
                                                "http://evil.example"),
                                        now,
                                        now.plus(Duration.ofHours(1)))),
                arguments("alg none", unsigned(ada, now)),
                arguments(
                        "a real token with its roles edited",
                        withClaims(
                                real,
                                Map.of(
                                        "sub",
                                        "ada",
                                        "roles",
                                        List.of("staff"),
                                        "iss",
                                        Tokens.server().issuer().toString(),
                                        "exp",
                                        now.plus(Duration.ofHours(1)).getEpochSecond()))),
                arguments("garbage", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void forgedTokenIsUnauthorized(String forgery, @Nullable String token) throws Exception {
        Response response = send("GET", "/customers/ada/notifications", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:ordersystem:problem:unauthorized");
        assertThat(response.wwwAuthenticate()).startsWith("Bearer");
        if (token != null) {
            assertThat(response.wwwAuthenticate()).contains("error=\"invalid_token\"");
        }
    }

    private static String signedWithAnotherKey(String kid, Map<String, Object> claims, Instant now) throws Exception {
        var key = new RSAKeyGenerator(2048).keyID(kid).generate();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims(claims, now));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String unsigned(Map<String, Object> claims, Instant now) {
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + base64(claims(claims, now).toPayload().toString()) + ".";
    }

    private static String withClaims(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + base64(JSON.writeValueAsString(claims)) + "." + parts[2];
    }

    private static JWTClaimsSet claims(Map<String, Object> claims, Instant now) {
        var builder = new JWTClaimsSet.Builder()
                .issuer(Tokens.server().issuer().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request; a stream is read up to its head and closed. */
    private Response send(String method, String path, @Nullable String token) throws Exception {
        var request = HttpRequest.newBuilder(uri(path.replace("{adaNotification}", String.valueOf(adaNotification))
                        .replace("{randomOrder}", UUID.randomUUID().toString())))
                .timeout(WAIT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header(AUTHORIZATION, bearer(token));
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream body = response.body()) {
            // a stream that was opened ends here: its head says enough
            String text = contentType.startsWith("text/event-stream")
                    ? ""
                    : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(
                    response.statusCode(),
                    contentType,
                    response.headers().firstValue("WWW-Authenticate").orElse(""),
                    text);
        }
    }

    private record Response(int status, String contentType, String wwwAuthenticate, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
