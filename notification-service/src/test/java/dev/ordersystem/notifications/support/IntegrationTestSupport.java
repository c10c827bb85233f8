package dev.ordersystem.notifications.support;

import static org.awaitility.Awaitility.await;

import dev.ordersystem.localstack.TcpProxy;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.localstack.junit.UseLocalStack;
import dev.ordersystem.localstack.openapi.OpenApiContract;
import dev.ordersystem.notifications.inbox.OrderEventListener;
import dev.ordersystem.notifications.lag.ConsumerLagMonitor;
import dev.ordersystem.notifications.lag.ConsumerLagReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests: the service on a random port against the local stack's real PostgreSQL and Kafka,
 * mailing to a real SMTP server (GreenMail) in this JVM, trusting the real authorization server of {@link Tokens},
 * with the consumed topic created beforehand as order-service would. The service reaches its database through a
 * {@link TcpProxy}, so that a test can take the database away ({@link #databaseProxy()}). Every subclass has the same
 * configuration, so they all share one Spring context, and so one member of the consumer group. The spans the service
 * exports are kept in memory ({@link TestSpans}).
 */
@UseLocalStack(database = IntegrationTestSupport.DATABASE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(StopApplicationFirst.class)
@Import(TestSpans.class)
public abstract class IntegrationTestSupport {

    static final String DATABASE = "notifications";

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final String AUTHORIZATION = "Authorization";

    /** The service's committed OpenAPI document; every exchange of {@link #get} and {@link #post} is checked against it. */
    protected static final Path OPENAPI_DOCUMENT = Path.of("src/main/openapi/notification-service.openapi.json");

    /** {@code Authorization} header values with the real tokens of the demo's operator, viewer and staff. */
    protected static final String OPERATOR = bearer(Tokens.operator());

    protected static final String VIEWER = bearer(Tokens.viewer());
    protected static final String STAFF = bearer(Tokens.staff());

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static @Nullable TcpProxy databaseProxy;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected KafkaListenerEndpointRegistry listeners;

    @Autowired
    protected ConsumerLagMonitor lagMonitor;

    /** Before the (shared) application context starts, as order-service would have created it by then. */
    @BeforeAll
    static void eventsTopic() {
        TestKafka.createTopic();
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                () -> Tokens.server().issuer().toString());
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:postgresql://127.0.0.1:" + databaseProxy().port() + "/" + DATABASE);
    }

    /** The proxy between the service and the local stack's PostgreSQL. */
    protected static synchronized TcpProxy databaseProxy() {
        if (databaseProxy == null) {
            URI database =
                    URI.create(LocalStackExtension.stack().jdbcUrl(DATABASE).substring("jdbc:".length()));
            databaseProxy = TcpProxy.start(database.getHost(), database.getPort());
        }
        return databaseProxy;
    }

    // --- HTTP

    protected HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    protected HttpResponse<String> post(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The {@code Authorization} header value of a customer that only the test knows (a signed customer token). */
    protected static String customer(String customerId) {
        return bearer(Tokens.signedCustomer(customerId));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP request failed", e);
        }
        OpenApiContract.check(OPENAPI_DOCUMENT, response);
        return response;
    }

    // --- database

    /** Event types of the order's notifications, in the order they were created. */
    protected List<String> notificationTypesOfOrder(String orderId) {
        return jdbc.sql("select event_type from notifications where order_id = :orderId order by seq")
                .param("orderId", orderId)
                .query(String.class)
                .list();
    }

    protected long notificationsOfCustomer(String customerId) {
        return jdbc.sql("select count(*) from notifications where customer_id = :customerId")
                .param("customerId", customerId)
                .query(Long.class)
                .single();
    }

    protected long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    // --- listener and lag

    protected MessageListenerContainer listener() {
        MessageListenerContainer container = listeners.getListenerContainer(OrderEventListener.ID);
        if (container == null) {
            throw new IllegalStateException("no listener container " + OrderEventListener.ID);
        }
        return container;
    }

    /** Waits until the group has processed (and committed) everything in the topic. */
    protected ConsumerLagReport awaitNoLag() {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> lagMonitor.measure().totalLag() == 0);
        return lagMonitor.measure();
    }

    /** Stops the listener and waits until its consumers have left the group. */
    protected void stopListener() {
        listener().stop();
        await().atMost(WAIT).until(() -> lagMonitor.measure().members() == 0);
    }

    /** Starts the listener (again) and waits until it owns partitions. */
    protected void startListener() {
        if (!listener().isRunning()) {
            listener().start();
        }
        await().atMost(WAIT).until(() -> lagMonitor.measure().members() > 0);
    }
}
