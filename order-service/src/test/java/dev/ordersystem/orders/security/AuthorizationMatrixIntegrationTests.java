package dev.ordersystem.orders.security;

import static dev.ordersystem.orders.support.TestCaller.ADA;
import static dev.ordersystem.orders.support.TestCaller.GRACE;
import static dev.ordersystem.orders.support.TestCaller.PAYMENT;
import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ordersystem.identity.IdentityServer;
import dev.ordersystem.orders.support.ApiClient;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import dev.ordersystem.orders.support.TestCaller;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The authorization matrix of the README ("Security"), cell by cell: every caller against every endpoint of the
 * service, including every exposed actuator endpoint (the relay runs, so its endpoint exists), the OpenAPI document and
 * Swagger UI. 401 and 403 are problems with a {@code WWW-Authenticate: Bearer} header; another customer's order answers
 * 404 exactly like a missing one; forged tokens are refused; and an endpoint without a row fails the build.
 */
@TestPropertySource(
        properties = {
            "orders.relay.enabled=true",
            "orders.relay.instance-id=matrix-test",
            "orders.relay.slot-name=relay_matrix",
            "orders.relay.publication-name=relay_pub_matrix",
            "orders.relay.topic=orders.events.matrix",
            "orders.relay.offsets-topic=orders.relay.offsets.matrix"
        })
@DirtiesContext
class AuthorizationMatrixIntegrationTests extends OrderApiTestSupport {

    /** The callers, in the order of the columns below. */
    private static final List<TestCaller> COLUMNS = List.of(TestCaller.values());

    /** A request that is no endpoint of the service: it must be denied. */
    private static final String ANYTHING_ELSE = "anything else";

    private static final String HEALTH_GROUPS = "GET /actuator/health/**";
    private static final String ONE_METRIC = "GET /actuator/metrics/{requiredMetricName}";
    private static final String SWAGGER_CONFIG = "GET /v3/api-docs/swagger-config";
    private static final String SWAGGER_INITIALIZER = "GET /swagger-ui/*swagger-initializer.js";
    private static final String RESOURCE_METADATA = "GET /.well-known/oauth-protected-resource";
    private static final String WEBJAR = "GET /webjars/*swagger-ui/**";
    private static final String WEBJAR_INITIALIZER = "GET /webjars/*swagger-ui/*swagger-initializer.js";
    private static final String VERSIONED_WEBJAR_INITIALIZER =
            "GET /webjars/*swagger-ui/{version}/*swagger-initializer.js";

    private static final String ORDER_FOR_ADA = """
            {"customerId": "ada", "customerEmail": "ada@example.com", "currency": "EUR",
             "lines": [{"sku": "BOOK-1", "quantity": 1, "unitPrice": 12.50}]}
            """;

    private static final Request PLACE_OWN_ORDER = request(
            "a customer's own order, no customer named", (api, orders) -> api.postJson("/orders", ownOrderJson()));
    private static final Request PLACE_ORDER_FOR_ADA =
            request("an order naming customer ada", (api, orders) -> api.postJson("/orders", ORDER_FOR_ADA));
    private static final Request GET_ADAS_ORDER =
            request("GET ada's order", (api, orders) -> api.get("/orders/" + orders.placed()));
    private static final Request GET_A_MISSING_ORDER =
            request("GET a missing order", (api, orders) -> api.get("/orders/" + UUID.randomUUID()));
    private static final String JOURNEY = "GET /ops/orders/{id}/journey";
    private static final Request GET_ADAS_JOURNEY = request(
            "the journey of ada's order", (api, orders) -> api.get("/ops/orders/" + orders.placed() + "/journey"));
    private static final Request GET_A_MISSING_JOURNEY = request(
            "the journey of a missing order",
            (api, orders) -> api.get("/ops/orders/" + UUID.randomUUID() + "/journey"));
    private static final Request PAY_ADAS_ORDER =
            request("pay ada's order", (api, orders) -> api.postEmpty("/orders/" + orders.placed() + "/pay"));
    private static final Request SHIP_ADAS_PAID_ORDER =
            request("ship ada's paid order", (api, orders) -> api.postEmpty("/orders/" + orders.paid() + "/ship"));
    private static final Request CANCEL_ADAS_ORDER =
            request("cancel ada's order", (api, orders) -> api.postEmpty("/orders/" + orders.placed() + "/cancel"));
    private static final Request DELETE_AN_ORDER = request(
            "DELETE an order",
            (api, orders) -> api.send(api.request("/orders/" + orders.placed()).DELETE()));
    private static final Request POST_TO_ACTUATOR =
            request("POST /actuator/health", (api, orders) -> api.postEmpty("/actuator/health"));
    private static final Request VERSIONED_WEBJAR = get("/webjars/swagger-ui/5.0.0/swagger-initializer.js");
    private static final Request WEBJAR_INITIALIZER_SCRIPT = get("/webjars/swagger-ui/swagger-initializer.js");
    private static final Request METADATA_DOCUMENT = get("/.well-known/oauth-protected-resource");
    private static final Request ONE_METRIC_BY_NAME = get("/actuator/metrics/jvm.threads.live");

    /**
     * The matrix: one row per endpoint and request, one status per caller: anonymous, customer A (ada), customer B
     * (grace), the payment client, the warehouse client, staff, operator, viewer.
     */
    static Stream<Row> matrix() {
        return Stream.of(
                // endpoint, request                                                 ANO ADA GRC PAY WHS STF OPR VWR
                row("POST /orders", PLACE_OWN_ORDER, "                               401 201 201 403 403 400 403 403"),
                row("POST /orders", PLACE_ORDER_FOR_ADA, "                           401 201 403 403 403 201 403 403"),
                row("GET /orders/{id}", GET_ADAS_ORDER, "                            401 200 404 403 403 200 403 403"),
                row("GET /orders/{id}", GET_A_MISSING_ORDER, "                       401 404 404 403 403 404 403 403"),
                row("GET /orders", get("/orders"), "                                 401 200 200 403 403 200 403 403"),
                row("GET /orders", get("/orders?customerId=ada"), "                  401 200 403 403 403 200 403 403"),
                row("POST /orders/{id}/pay", PAY_ADAS_ORDER, "                       401 403 403 200 403 403 403 403"),
                row("POST /orders/{id}/ship", SHIP_ADAS_PAID_ORDER, "                401 403 403 403 200 403 403 403"),
                row("POST /orders/{id}/cancel", CANCEL_ADAS_ORDER, "                 401 200 404 403 403 200 403 403"),
                row(JOURNEY, GET_ADAS_JOURNEY, "                                     401 403 403 403 403 403 200 200"),
                row(JOURNEY, GET_A_MISSING_JOURNEY, "                                401 403 403 403 403 403 404 404"),
                row(HEALTH_GROUPS, get("/actuator/health/liveness"), "               200 200 200 200 200 200 200 200"),
                row(HEALTH_GROUPS, get("/actuator/health/readiness"), "              200 200 200 200 200 200 200 200"),
                row(HEALTH_GROUPS, get("/actuator/health/db"), "                     401 403 403 403 403 403 200 200"),
                row("GET /actuator/health", get("/actuator/health"), "               401 403 403 403 403 403 200 200"),
                row("GET /actuator", get("/actuator"), "                             401 403 403 403 403 403 200 200"),
                row("GET /actuator/info", get("/actuator/info"), "                   401 403 403 403 403 403 200 200"),
                row("GET /actuator/prometheus", get("/actuator/prometheus"), "       401 403 403 403 403 403 200 200"),
                row("GET /actuator/metrics", get("/actuator/metrics"), "             401 403 403 403 403 403 200 200"),
                row(ONE_METRIC, ONE_METRIC_BY_NAME, "                                401 403 403 403 403 403 200 200"),
                row("GET /actuator/relay", get("/actuator/relay"), "                 401 403 403 403 403 403 200 200"),
                row("GET /v3/api-docs", get("/v3/api-docs"), "                       200 200 200 200 200 200 200 200"),
                row("GET /v3/api-docs.yaml", get("/v3/api-docs.yaml"), "             200 200 200 200 200 200 200 200"),
                row(SWAGGER_CONFIG, get("/v3/api-docs/swagger-config"), "            200 200 200 200 200 200 200 200"),
                // Swagger UI's address redirects to its page
                row("GET /swagger-ui.html", get("/swagger-ui.html"), "               302 302 302 302 302 302 302 302"),
                row("GET /swagger-ui/**", get("/swagger-ui/index.html"), "           200 200 200 200 200 200 200 200"),
                row(SWAGGER_INITIALIZER, get("/swagger-ui/swagger-initializer.js"), "200 200 200 200 200 200 200 200"),
                // RFC 9728 metadata (Spring Security's filter): which issuer to ask for a token
                row(RESOURCE_METADATA, METADATA_DOCUMENT, "                          200 200 200 200 200 200 200 200"),
                row("* /error", get("/error"), "                                     401 403 403 403 403 403 403 403"),
                row("GET /**", get("/index.html"), "                                 401 403 403 403 403 403 403 403"),
                row("GET /webjars/**", get("/webjars/anything.js"), "                401 403 403 403 403 403 403 403"),
                row(WEBJAR, get("/webjars/swagger-ui/index.html"), "                 401 403 403 403 403 403 403 403"),
                row(WEBJAR_INITIALIZER, WEBJAR_INITIALIZER_SCRIPT, "                 401 403 403 403 403 403 403 403"),
                row(VERSIONED_WEBJAR_INITIALIZER, VERSIONED_WEBJAR, "                401 403 403 403 403 403 403 403"),
                row(ANYTHING_ELSE, get("/nowhere"), "                                401 403 403 403 403 403 403 403"),
                row(ANYTHING_ELSE, DELETE_AN_ORDER, "                                401 403 403 403 403 403 403 403"),
                row(ANYTHING_ELSE, POST_TO_ACTUATOR, "                               401 403 403 403 403 403 403 403"));
    }

    /** Every cell of the matrix: a row's request as one caller, with the status that caller must get. */
    static Stream<Arguments> cells() {
        return matrix().flatMap(row -> COLUMNS.stream()
                .map(caller -> Arguments.of(row.endpoint(), row.request(), caller, row.statuses()[caller.ordinal()])));
    }

    @BeforeEach
    void relayRuns() {
        // the relay's health is part of /actuator/health: wait until it is up, so that the operator gets a 200;
        // checked at once (no poll delay): it is up for every cell but the first
        await().atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .until(() -> as(TestCaller.OPERATOR).get("/actuator/health").statusCode() == 200);
    }

    @ParameterizedTest(name = "{0}, {1}, as {2}: {3}")
    @MethodSource("cells")
    void answersEveryCallerAsTheMatrixSays(String endpoint, Request request, TestCaller caller, int status) {
        HttpResponse<String> response = request.call().send(as(caller), new Orders());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 401 || status == 403) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("type").asString())
                    .isEqualTo("urn:ordersystem:problem:" + (status == 401 ? "unauthorized" : "forbidden"));
            String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertThat(challenge).startsWith("Bearer ");
            if (caller == TestCaller.ANONYMOUS) {
                assertThat(challenge).doesNotContain("error=");
            } else {
                assertThat(challenge).contains("error=\"insufficient_scope\"");
            }
        }
        if (status == 404) {
            assertThat(json(response).get("type").asString()).isEqualTo("urn:ordersystem:problem:order-not-found");
        }
    }

    @Test
    void anotherCustomersOrderAnswersExactlyLikeAMissingOne() {
        UUID adas = new Orders().placed();
        UUID missing = UUID.randomUUID();

        for (String action : List.of("", "/cancel")) {
            var probe = action.isEmpty()
                    ? as(GRACE).get("/orders/" + adas)
                    : as(GRACE).postEmpty("/orders/" + adas + action);
            var absent = action.isEmpty()
                    ? as(GRACE).get("/orders/" + missing)
                    : as(GRACE).postEmpty("/orders/" + missing + action);

            assertThat(probe.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(404);
            assertThat(probe.headers().map().keySet())
                    .isEqualTo(absent.headers().map().keySet());
            assertThat(probe.body().replace(adas.toString(), "<id>"))
                    .isEqualTo(absent.body().replace(missing.toString(), "<id>"))
                    .doesNotContain("ada");
        }
        assertThat(json(as(STAFF).get("/orders/" + adas)).get("status").asString())
                .isEqualTo("PLACED");
    }

    /** The forged tokens: each carries customer ada's claims and has exactly one flaw. */
    static Stream<Arguments> forgedTokens() throws Exception {
        IdentityServer identity = TestCaller.server();
        Instant now = Instant.now();
        Map<String, Object> ada = adasClaims();
        String realKeyId = SignedJWT.parse(ADA.token()).getHeader().getKeyID();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(identity.issuer().toString())
                .subject("ada")
                .claim("email", "ada@example.com")
                .claim("roles", List.of("customer"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build();
        var otherKey = new RSAKeyGenerator(2048).keyID(realKeyId).generate();
        var signedWithOtherKey = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(realKeyId)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        signedWithOtherKey.sign(new RSASSASigner(otherKey));
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of(
                        "expired (real key)",
                        identity.sign(ada, now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(30)))),
                Arguments.of("signed with another key", signedWithOtherKey.serialize()),
                Arguments.of(
                        "another issuer (real key)",
                        identity.sign(
                                withClaim(ada, "iss", "http://localhost:1/someone-else"),
                                now,
                                now.plus(Duration.ofMinutes(10)))),
                Arguments.of("alg: none", new PlainJWT(claims).serialize()),
                Arguments.of("garbage", "bm90LWEtand0.Z2FyYmFnZQ.Z2FyYmFnZQ"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void refusesForgedTokensWith401(String flaw, String token) {
        var response = new ApiClient(port, token).get("/orders");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo("urn:ordersystem:problem:unauthorized");
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer ");
        if (token == null) {
            assertThat(challenge).doesNotContain("error=");
        } else {
            assertThat(challenge).contains("error=\"invalid_token\"");
        }
    }

    @Test
    void acceptsATokenForgedTheSameWayWhenItHasNoFlaw() {
        Instant now = Instant.now();
        String token = TestCaller.server().sign(adasClaims(), now, now.plus(Duration.ofMinutes(10)));

        assertThat(new ApiClient(port, token).get("/orders").statusCode()).isEqualTo(200);
    }

    @Test
    void everyEndpointOfTheServiceHasARow(@Autowired ApplicationContext context) {
        List<String> mapped = new ArrayList<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(info -> mapped.addAll(keys(info))));
        context.getBeansOfType(AbstractUrlHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMap().keySet().forEach(path -> mapped.add("GET " + path)));
        // a webjar's version makes no new endpoint
        Set<String> endpoints = new TreeSet<>();
        mapped.forEach(endpoint -> endpoints.add(endpoint.replaceAll("/\\d+(\\.\\d+)+/", "/{version}/")));

        Set<String> rows = new TreeSet<>(matrix().map(Row::endpoint).toList());

        assertThat(rows).as("rows of the matrix").containsAll(endpoints);
        assertThat(endpoints).as("endpoints of the service").contains("POST /orders", "GET /actuator/relay");
    }

    private static List<String> keys(RequestMappingInfo info) {
        List<String> methods = info.getMethodsCondition().getMethods().isEmpty()
                ? List.of("*")
                : info.getMethodsCondition().getMethods().stream()
                        .map(Enum::name)
                        .toList();
        List<String> keys = new ArrayList<>();
        for (String method : methods) {
            info.getPatternValues().forEach(pattern -> keys.add(method + " " + pattern));
        }
        return keys;
    }

    private static Map<String, Object> adasClaims() {
        return Map.of("sub", "ada", "email", "ada@example.com", "roles", List.of("customer"));
    }

    private static Map<String, Object> withClaim(Map<String, Object> claims, String name, Object value) {
        var copy = new HashMap<>(claims);
        copy.put(name, value);
        return copy;
    }

    /** A request of a row, sent with a caller's token; it may use orders made for this one cell. */
    @FunctionalInterface
    interface Call {
        HttpResponse<String> send(ApiClient api, Orders orders);
    }

    /** A request of a row, with what it asks for. */
    record Request(String description, Call call) {

        @Override
        public String toString() {
            return description;
        }
    }

    /** One row: the endpoint (as the service maps it), a request to it, and the status per caller (column order). */
    record Row(String endpoint, Request request, int[] statuses) {}

    private static Row row(String endpoint, Request request, String statuses) {
        int[] perCaller = Arrays.stream(statuses.strip().split("\\s+"))
                .mapToInt(Integer::parseInt)
                .toArray();
        if (perCaller.length != COLUMNS.size()) {
            throw new IllegalArgumentException(endpoint + ", " + request + ": " + statuses);
        }
        return new Row(endpoint, request, perCaller);
    }

    private static Request request(String description, Call call) {
        return new Request(description, call);
    }

    private static Request get(String path) {
        return request("GET " + path, (api, orders) -> api.get(path));
    }

    /** Customer ada's orders for one cell, made by staff and the payment client when first asked for. */
    final class Orders {

        UUID placed() {
            var response = as(STAFF).postJson("/orders", ORDER_FOR_ADA);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return UUID.fromString(json(response).get("id").asString());
        }

        UUID paid() {
            UUID id = placed();
            assertThat(as(PAYMENT).postEmpty("/orders/" + id + "/pay").statusCode())
                    .isEqualTo(200);
            return id;
        }
    }
}
