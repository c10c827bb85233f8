package dev.ordersystem.system;

import dev.ordersystem.localstack.Launcher;
import dev.ordersystem.localstack.Launcher.Port;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.LocalStackOptions;
import dev.ordersystem.localstack.StackMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The demo: starts the local stack (PostgreSQL + Kafka), a mail catcher and both services as separate processes,
 * waits until every part is healthy, prints where to look, and runs until Ctrl-C, then stops everything.
 */
@Command(
        name = "./demo",
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Starts PostgreSQL, Kafka, a mail catcher, order-service and notification-service on localhost and runs"
                    + " until Ctrl-C."
        })
public final class DemoMain implements Callable<Integer> {

    /** Printed once everything is healthy; the demo test waits for it. */
    public static final String READY_LINE = "Demo is ready. Press Ctrl-C to stop.";

    @Mixin
    private Launcher.StackOptions stackOptions;

    @Option(
            names = "--order-port",
            defaultValue = "8080",
            description = "order-service port (default ${DEFAULT-VALUE})")
    private Port orderPort;

    @Option(
            names = "--notification-port",
            defaultValue = "8081",
            description = "notification-service port (default ${DEFAULT-VALUE})")
    private Port notificationPort;

    @Option(
            names = "--smtp-port",
            defaultValue = "2525",
            description = "mail catcher's SMTP port (default ${DEFAULT-VALUE})")
    private Port smtpPort;

    @Option(
            names = "--mail-port",
            defaultValue = "8025",
            description = "mail catcher's web page (default ${DEFAULT-VALUE})")
    private Port mailPort;

    @Option(names = "--sample-orders", description = "Place a few orders once everything is up")
    private boolean sampleOrders;

    public static void main(String[] args) {
        Launcher.run(new DemoMain(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        stackOptions.checkPorts(true);
        var resources = new ArrayList<AutoCloseable>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(resources), "demo-shutdown"));
        try {
            System.out.println("Starting PostgreSQL and Kafka...");
            LocalStack stack = LocalStack.start(
                            stackOptions.applyTo(LocalStackOptions.defaults()).withMode(StackMode.LOCAL))
                    .withoutShutdownHook(); // stopAll closes it after the services

            resources.add(stack);
            MailCatcher mail = MailCatcher.start(smtpPort.number(), mailPort.number());
            resources.add(mail);
            OrderSystem system = new OrderSystem(stack, mail, Path.of("target", "demo-logs"));
            resources.add(system);
            System.out.println("Starting order-service and notification-service (logs in target/demo-logs)...");
            system.startOrderService("order-service-1", orderPort.number(), Map.of());
            system.startNotificationService("notification-service-1", notificationPort.number(), Map.of());
            if (sampleOrders) {
                placeSampleOrders("http://localhost:" + orderPort.number());
            }
            printWhereToLook(stack, mail);
        } catch (RuntimeException e) {
            System.err.println("Demo did not start: " + e.getMessage());
            return 1;
        }
        new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops everything
        return 0;
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

    private void printWhereToLook(LocalStack stack, MailCatcher mail) {
        String orders = "http://localhost:" + orderPort.number();
        String notifications = "http://localhost:" + notificationPort.number();
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
