package dev.ordersystem.system.e2e;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Base of the end-to-end suites: each test class starts its {@link #system} in a {@code @BeforeAll}, then the
 * services with {@link #startServices}; after the class the API client and the whole system are closed here.
 */
abstract class E2eSuite {

    /** The order-service instance the suites place their orders with; its relay leads from the start. */
    static final String ORDER_SERVICE = "order-1";

    /** The system of the test class that runs now. */
    static E2eSystem system;

    /** The order API of {@link #ORDER_SERVICE}. */
    static OrderApi api;

    /**
     * Starts {@link #ORDER_SERVICE} (with extra settings) and notification-service instances (by name, with extra
     * settings) at once, waits until the relay of {@link #ORDER_SERVICE} streams, and opens {@link #api} on it.
     */
    static void startServices(Map<String, String> orderService, Map<String, Map<String, String>> notifiers) {
        system.startInParallel(Map.of(ORDER_SERVICE, orderService), notifiers);
        openApiOnceTheRelayStreams();
    }

    /** Waits until the relay of {@link #ORDER_SERVICE} streams and opens {@link #api} on it. */
    static void openApiOnceTheRelayStreams() {
        system.awaitRelayStreaming(ORDER_SERVICE, Duration.ofSeconds(60));
        api = new OrderApi(system.process(ORDER_SERVICE).baseUrl(), system::token);
    }

    @AfterAll
    static void stopSystem() {
        if (api != null) {
            api.close();
            api = null;
        }
        if (system != null) {
            system.close();
            system = null;
        }
    }
}
