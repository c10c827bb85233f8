package dev.ordersystem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.localstack.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's demo command ({@code ./demo}, with the build already done by Maven) on free ports, as a user would:
 * waits for the ready line, places an order over HTTP, sees its notification arrive in the feed and its email at the
 * mail catcher, stops the demo with SIGTERM (what Ctrl-C does) and checks that no process is left behind.
 */
class DemoCommandIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Path root = OrderSystem.projectRoot();
    private Process demo;

    @AfterEach
    void killDemoIfStillRunning() {
        if (demo != null && demo.isAlive()) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    @Test
    void demoStartsEverythingDeliversANotificationAndLeavesNothingBehind() throws Exception {
        List<Integer> ports = IntStream.of(Ports.findFree(6)).boxed().toList();
        Map<String, Integer> options = Map.of(
                "--postgres-port", ports.get(0),
                "--kafka-port", ports.get(1),
                "--order-port", ports.get(2),
                "--notification-port", ports.get(3),
                "--smtp-port", ports.get(4),
                "--mail-port", ports.get(5));
        Path output = Files.createTempFile("demo", ".out");
        var command = new java.util.ArrayList<>(List.of(root.resolve("demo").toString()));
        options.forEach((option, port) -> command.add(option + "=" + port));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("DEMO_SKIP_BUILD", "true");
        demo = builder.start();

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(output).contains(DemoMain.READY_LINE) || !demo.isAlive());
        assertThat(Files.readString(output)).contains(DemoMain.READY_LINE).contains("Consumer lag");
        List<ProcessHandle> children = demo.descendants().toList();

        String orderApi = "http://localhost:" + ports.get(2);
        String customer = "demo-" + System.nanoTime();
        var placed = post(orderApi + "/orders", """
                {"customerId":"%s","customerEmail":"%s@example.com","currency":"EUR",
                 "lines":[{"sku":"BOOK-1","quantity":1,"unitPrice":12.50}]}""".formatted(customer, customer));
        assertThat(placed.statusCode()).isEqualTo(201);

        String feed = "http://localhost:" + ports.get(3) + "/customers/" + customer + "/notifications";
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get(feed).body()).contains("OrderPlaced"));
        String mails = "http://localhost:" + ports.get(5) + "/api/messages";
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get(mails).body()).contains(customer + "@example.com"));

        demo.destroy(); // SIGTERM, as Ctrl-C would
        assertThat(demo.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(processesMentioning("-p " + ports.get(0))).isEmpty();
        });
        assertThat(Files.readString(output)).contains("Demo stopped.");
    }

    private static List<String> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine())
                .flatMap(Optional::stream)
                .filter(line -> line.contains(text))
                .collect(Collectors.toList());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
