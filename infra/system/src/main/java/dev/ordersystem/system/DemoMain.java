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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The demo: starts the authorization server, the local stack (PostgreSQL + Kafka), a mail catcher, a trace UI (Zipkin),
 * both services (exporting their spans to the trace UI) and the ops console as separate processes, waits until every
 * part is healthy, prints where to look and one command per role that prints
 * an access token, and runs until Ctrl-C, then stops everything.
 */
@Command(
        name = "./demo",
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Starts an authorization server, PostgreSQL, Kafka, a mail catcher, a trace UI (Zipkin), order-service,"
                    + " notification-service and the ops console on localhost and runs until Ctrl-C.",
            "./demo token --user ada --password ada-password  prints an access token (./demo token --help)."
        })
public final class DemoMain implements Callable<Integer> {

    /** Printed once everything is healthy; the demo test waits for it. */
    public static final String READY_LINE = "Demo is ready. Press Ctrl-C to stop.";

    /** The start of every token command the demo prints. */
    public static final String TOKEN_COMMAND = "./demo token";

    private static final Path LOG_DIR = Path.of("target", "demo-logs");
    private static final int DEFAULT_IDENTITY_PORT = 9000;
    private static final int DEFAULT_CONSOLE_PORT = 8090;

    /**
     * The events topic as the relay creates it: the smallest segments Kafka allows (1 MiB), rolled every minute as well,
     * so that the ops console shows segments roll.
     */
    private static final Map<String, String> VISIBLE_SEGMENTS = Map.of(
            "orders.relay.topic-config.segment.bytes", "1048576",
            "orders.relay.topic-config.segment.ms", "60000");

    @Mixin
    private Launcher.StackOptions stackOptions;

    @Option(
            names = "--identity-port",
            defaultValue = "" + DEFAULT_IDENTITY_PORT,
            description = "authorization server's port (default ${DEFAULT-VALUE})")
    private Port identityPort;

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
            names = "--console-port",
            defaultValue = "" + DEFAULT_CONSOLE_PORT,
            description = "ops console's port (default ${DEFAULT-VALUE})")
    private Port consolePort;

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

    @Option(
            names = "--zipkin-port",
            defaultValue = "9411",
            description = "trace UI's port (Zipkin; default ${DEFAULT-VALUE})")
    private Port zipkinPort;

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
            System.out.println("Starting the authorization server (logs in target/demo-logs)...");
            IdentityProcess identity =
                    IdentityProcess.start(identityPort.number(), List.of(orderApi(), notificationApi()), LOG_DIR);
            resources.add(identity);
            System.out.println("Starting PostgreSQL and Kafka...");
            LocalStack stack = LocalStack.start(
                            stackOptions.applyTo(LocalStackOptions.defaults()).withMode(StackMode.LOCAL))
                    .withoutShutdownHook(); // stopAll closes it after the services

            resources.add(stack);
            MailCatcher mail = MailCatcher.start(smtpPort.number(), mailPort.number());
            resources.add(mail);
            System.out.println("Starting the trace UI (Zipkin)...");
            ZipkinProcess zipkin = ZipkinProcess.start(zipkinPort.number(), LOG_DIR);
            resources.add(zipkin);
            OrderSystem system = new OrderSystem(stack, mail, identity.issuer(), LOG_DIR);
            resources.add(system);
            System.out.println("Starting order-service and notification-service (logs in target/demo-logs)...");
            Map<String, String> orderSettings = new HashMap<>(VISIBLE_SEGMENTS);
            orderSettings.putAll(zipkin.exportSettings());
            system.startOrderService("order-service-1", orderPort.number(), orderSettings);
            system.startNotificationService(
                    "notification-service-1", notificationPort.number(), zipkin.exportSettings());
            System.out.println("Starting the ops console...");
            system.startOpsConsole(
                    "ops-console",
                    consolePort.number(),
                    orderApi(),
                    notificationApi(),
                    Map.of("console.trace-ui", "http://localhost:" + zipkinPort.number()));
            if (sampleOrders) {
                placeSampleOrders(identity);
            }
            printWhereToLook(stack, mail, identity, zipkin);
        } catch (RuntimeException e) {
            System.err.println("Demo did not start: " + e.getMessage());
            return 1;
        }
        new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops everything
        return 0;
    }

    /**
     * Each customer places an order with their own token; the payment client pays grace's and linus's, the warehouse
     * ships grace's, and linus cancels his.
     */
    private void placeSampleOrders(IdentityProcess identity) {
        HttpClient http = HttpClient.newHttpClient();
        String payment = identity.token(DemoAccount.PAYMENT);
        List<DemoAccount> customers = List.of(DemoAccount.ADA, DemoAccount.GRACE, DemoAccount.LINUS);
        for (int i = 0; i < customers.size(); i++) {
            DemoAccount customer = customers.get(i);
            String token = identity.token(customer);
            String body = """
                    {"currency":"EUR","lines":[{"sku":"BOOK-%d","quantity":%d,"unitPrice":12.50},\
                    {"sku":"PEN-7","quantity":1,"unitPrice":3.99}]}""".formatted(i + 1, i + 1);
            String orders = orderApi() + "/orders";
            String id = send(http, orders, token, body).replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
            if (i >= 1) {
                send(http, orders + "/" + id + "/pay", payment, null);
            }
            if (i == 1) {
                send(http, orders + "/" + id + "/ship", identity.token(DemoAccount.WAREHOUSE), null);
            }
            if (i == 2) {
                send(http, orders + "/" + id + "/cancel", token, "{\"reason\":\"changed my mind\"}");
            }
            System.out.println("Sample order " + id + " for " + customer.role());
        }
    }

    private static String send(HttpClient http, String url, String accessToken, @Nullable String json) {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + accessToken);
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

    private void printWhereToLook(LocalStack stack, MailCatcher mail, IdentityProcess identity, ZipkinProcess zipkin) {
        System.out.println("""

                Ops console           %10$s   (log in as olga / olga-password or victor / victor-password)
                Order API             %1$s/orders
                OpenAPI UI            %1$s/swagger-ui.html   (Authorize: log in as a user below)
                Relay status          %1$s/actuator/relay   (health: %1$s/actuator/health/relay)
                Notification feed     %2$s/customers/{customerId}/notifications   (live: .../notifications/stream)
                Consumer lag          %2$s/ops/consumer-lag
                Dead letters          %2$s/ops/dead-letters
                Emails                %3$s
                Traces (Zipkin)       %9$s   (one order's: traces/<trace id>, the id in its log lines)
                Kafka bootstrap       %4$s
                PostgreSQL            %5$s (user %6$s, password %7$s)
                Identity (OIDC)       %8$s   (discovery: %8$s/.well-known/openid-configuration)

                Every endpoint but the probes and the API docs needs a token. Each command prints one:
                """.formatted(
                        orderApi(),
                        notificationApi(),
                        mail.webUrl(),
                        stack.bootstrapServers(),
                        stack.jdbcUrl("orders"),
                        stack.username(),
                        stack.password(),
                        identity.issuer(),
                        zipkin.uiUrl(),
                        opsConsole()));
        for (DemoAccount account : DemoAccount.values()) {
            System.out.printf("  %-20s %s%n", account.role(), tokenCommand(account));
        }
        System.out.println("""

                e.g.  TOKEN=$(%s)
                      curl -H "Authorization: Bearer $TOKEN" %s/orders
                """.formatted(tokenCommand(DemoAccount.ADA), orderApi()));
        System.out.println(READY_LINE);
    }

    /** The command that prints a token of {@code account}, as a user types it in the project's directory. */
    private String tokenCommand(DemoAccount account) {
        List<String> command = new ArrayList<>(List.of(TOKEN_COMMAND));
        command.addAll(account.tokenArguments());
        if (identityPort.number() != DEFAULT_IDENTITY_PORT) {
            command.addAll(List.of("--issuer", "http://localhost:" + identityPort.number()));
        }
        return String.join(" ", command);
    }

    /**
     * Where the ops console is reached: the client's registered redirect URI is on {@code localhost:8090}, and on
     * {@code 127.0.0.1} with any port.
     */
    private String opsConsole() {
        return consolePort.number() == DEFAULT_CONSOLE_PORT
                ? "http://localhost:" + DEFAULT_CONSOLE_PORT + "/"
                : "http://127.0.0.1:" + consolePort.number() + "/";
    }

    private String orderApi() {
        return "http://localhost:" + orderPort.number();
    }

    private String notificationApi() {
        return "http://localhost:" + notificationPort.number();
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
