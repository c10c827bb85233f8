package dev.ordersystem.system;

import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.LocalStackOptions;
import dev.ordersystem.localstack.Ports;
import dev.ordersystem.localstack.StackMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * The demo: starts the local stack (PostgreSQL + Kafka), a mail catcher and both services as separate processes,
 * waits until every part is healthy, prints where to look, and runs until Ctrl-C, then stops everything.
 */
public final class DemoMain {

    /** Printed once everything is healthy; the demo test waits for it. */
    public static final String READY_LINE = "Demo is ready. Press Ctrl-C to stop.";

    private static final String USAGE = """
            Usage: ./demo [--sample-orders] [--postgres-port=5432] [--kafka-port=9092] [--order-port=8080]
                          [--notification-port=8081] [--smtp-port=2525] [--mail-port=8025]

            Starts PostgreSQL, Kafka, a mail catcher, order-service and notification-service on localhost and runs
            until Ctrl-C. --sample-orders places a few orders once everything is up.
            """;

    private DemoMain() {}

    /** Parsed command line. */
    record Options(
            boolean sampleOrders,
            int postgresPort,
            int kafkaPort,
            int orderPort,
            int notificationPort,
            int smtpPort,
            int mailPort) {

        Map<String, Integer> ports() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("--postgres-port", postgresPort);
            ports.put("--kafka-port", kafkaPort);
            ports.put("--order-port", orderPort);
            ports.put("--notification-port", notificationPort);
            ports.put("--smtp-port", smtpPort);
            ports.put("--mail-port", mailPort);
            return ports;
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "local-stack-logback.xml");
        }
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        String taken = takenPort(options);
        if (taken != null) {
            System.err.println(taken);
            System.exit(2);
            return;
        }
        var resources = new ArrayList<AutoCloseable>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(resources), "demo-shutdown"));
        try {
            System.out.println("Starting PostgreSQL and Kafka...");
            LocalStack stack = LocalStack.start(LocalStackOptions.defaults()
                            .withPorts(options.postgresPort(), options.kafkaPort())
                            .withMode(StackMode.LOCAL))
                    .withoutShutdownHook(); // stopAll closes it after the services

            resources.add(stack);
            MailCatcher mail = MailCatcher.start(options.smtpPort(), options.mailPort());
            resources.add(mail);
            OrderSystem system = new OrderSystem(stack, mail, Path.of("target", "demo-logs"));
            resources.add(system);
            System.out.println("Starting order-service and notification-service (logs in target/demo-logs)...");
            system.startOrderService("order-service-1", options.orderPort(), Map.of());
            system.startNotificationService("notification-service-1", options.notificationPort(), Map.of());
            if (options.sampleOrders()) {
                placeSampleOrders("http://localhost:" + options.orderPort());
            }
            printWhereToLook(stack, mail, options);
        } catch (RuntimeException e) {
            System.err.println("Demo did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops everything
    }

    static @Nullable Options parse(String[] args) {
        boolean sample = false;
        Map<String, Integer> ports = new LinkedHashMap<>(defaults().ports());
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            } else if (arg.equals("--sample-orders")) {
                sample = true;
            } else if (arg.contains("=") && ports.containsKey(arg.substring(0, arg.indexOf('=')))) {
                ports.put(arg.substring(0, arg.indexOf('=')), Ports.parseOption(arg));
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        if (ports.values().stream().distinct().count() != ports.size()) {
            throw new IllegalArgumentException("Every port must be different: " + ports);
        }
        return new Options(
                sample,
                ports.get("--postgres-port"),
                ports.get("--kafka-port"),
                ports.get("--order-port"),
                ports.get("--notification-port"),
                ports.get("--smtp-port"),
                ports.get("--mail-port"));
    }

    static Options defaults() {
        return new Options(false, 5432, 9092, 8080, 8081, 2525, 8025);
    }

    /** A message naming the option to change for the first port that is taken, or {@code null}. */
    static @Nullable String takenPort(Options options) {
        for (var port : options.ports().entrySet()) {
            if (!Ports.isFree(port.getValue())) {
                return Ports.takenMessage(port.getValue(), port.getKey());
            }
        }
        return null;
    }

    private static void placeSampleOrders(String orderApi) {
        HttpClient http = HttpClient.newHttpClient();
        List<String> customers = List.of("ada", "grace", "linus");
        for (int i = 0; i < customers.size(); i++) {
            String customer = customers.get(i);
            String body = """
                    {"customerId":"%s","customerEmail":"%s@example.com","currency":"EUR",
                     "lines":[{"sku":"BOOK-%d","quantity":%d,"unitPrice":12.50},{"sku":"PEN-7","quantity":1,"unitPrice":3.99}]}""".formatted(customer, customer, i + 1, i + 1);
            String id = send(http, orderApi + "/orders", body).replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
            if (i >= 1) {
                send(http, orderApi + "/orders/" + id + "/pay", null);
            }
            if (i == 1) {
                send(http, orderApi + "/orders/" + id + "/ship", null);
            }
            if (i == 2) {
                send(http, orderApi + "/orders/" + id + "/cancel", "{\"reason\":\"changed my mind\"}");
            }
            System.out.println("Sample order " + id + " for customer " + customer);
        }
    }

    private static String send(HttpClient http, String url, @Nullable String json) {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        "POST " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void printWhereToLook(LocalStack stack, MailCatcher mail, Options options) {
        String orders = "http://localhost:" + options.orderPort();
        String notifications = "http://localhost:" + options.notificationPort();
        System.out.println("""

                Order API             %1$s/orders
                OpenAPI UI            %1$s/swagger-ui.html
                Relay status          %1$s/actuator/relay   (health: %1$s/actuator/health/relay)
                Notification feed     %2$s/customers/{customerId}/notifications   (live: .../notifications/stream)
                Consumer lag          %2$s/ops/consumer-lag
                Dead letters          %2$s/ops/dead-letters   (user viewer / viewer-secret)
                Emails                %3$s
                Kafka bootstrap       %4$s
                PostgreSQL            %5$s (user %6$s, password %7$s)
                """.formatted(
                        orders,
                        notifications,
                        mail.webUrl(),
                        stack.bootstrapServers(),
                        stack.jdbcUrl("orders"),
                        stack.username(),
                        stack.password()));
        System.out.println(READY_LINE);
    }

    private static void stopAll(List<AutoCloseable> resources) {
        System.out.println("Stopping the demo...");
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop " + resources.get(i) + ": " + e.getMessage());
            }
        }
        System.out.println("Demo stopped.");
    }
}
