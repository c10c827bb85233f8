package dev.ordersystem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.localstack.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's demo command ({@code ./demo}, with the build already done by Maven) on free ports, as a user would:
 * waits for the ready line, runs every token command it printed, exactly as printed, places an order with customer
 * ada's token, sees its notification arrive in her feed, its email at the mail catcher and both services' spans in the
 * trace UI, checks that anonymous callers get 401 and that ada cannot see grace's order, stops the demo with SIGTERM
 * (what Ctrl-C does) and checks that no process is left behind.
 */
class DemoCommandIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ORDER_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final String ORDER = """
            {"currency":"EUR","lines":[{"sku":"BOOK-1","quantity":1,"unitPrice":12.50}]}""";

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
    void demoStartsEverythingWithTokensDeliversANotificationAndLeavesNothingBehind() throws Exception {
        List<Integer> ports = IntStream.of(Ports.findFree(9)).boxed().toList();
        Map<String, Integer> options = Map.of(
                "--postgres-port", ports.get(0),
                "--kafka-port", ports.get(1),
                "--order-port", ports.get(2),
                "--notification-port", ports.get(3),
                "--smtp-port", ports.get(4),
                "--mail-port", ports.get(5),
                "--identity-port", ports.get(6),
                "--zipkin-port", ports.get(7),
                "--console-port", ports.get(8));
        Path output = Files.createTempFile("demo", ".out");
        var command = new ArrayList<>(List.of(root.resolve("demo").toString()));
        options.forEach((option, port) -> command.add(option + "=" + port));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("DEMO_SKIP_BUILD", "true");
        demo = builder.start();

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(output).contains(DemoMain.READY_LINE) || !demo.isAlive());
        String printed = Files.readString(output);
        assertThat(printed)
                .contains(DemoMain.READY_LINE)
                .contains("Consumer lag")
                .contains("Identity (OIDC)       http://localhost:" + ports.get(6))
                .contains("Ops console           http://127.0.0.1:" + ports.get(8) + "/");
        List<ProcessHandle> children = demo.descendants().toList();

        Map<DemoAccount, String> tokens = new EnumMap<>(DemoAccount.class);
        for (DemoAccount account : DemoAccount.values()) {
            String tokenCommand = printedTokenCommand(printed, account);
            tokens.put(account, run(tokenCommand));
        }
        assertThat(tokens.values()).allMatch(token -> token.matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"));

        String orderApi = "http://localhost:" + ports.get(2);
        String notificationApi = "http://localhost:" + ports.get(3);
        for (String anonymous : List.of(orderApi + "/orders", notificationApi + "/customers/ada/notifications")) {
            HttpResponse<String> refused = send(get(anonymous, null));
            assertThat(refused.statusCode()).as(anonymous).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        }

        String adasOrder = place(orderApi, tokens.get(DemoAccount.ADA));
        assertThat(send(post(orderApi + "/orders/" + adasOrder + "/pay", tokens.get(DemoAccount.PAYMENT), null))
                        .statusCode())
                .isEqualTo(200);
        String gracesOrder = place(orderApi, tokens.get(DemoAccount.GRACE));
        HttpResponse<String> probe = send(get(orderApi + "/orders/" + gracesOrder, tokens.get(DemoAccount.ADA)));
        assertThat(probe.statusCode()).isEqualTo(404);
        assertThat(probe.body()).doesNotContain("grace");

        String feed = notificationApi + "/customers/ada/notifications?size=100";
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                send(get(feed, tokens.get(DemoAccount.ADA))).body())
                        .contains(adasOrder)
                        .contains("OrderPaid"));
        String mails = "http://localhost:" + ports.get(5) + "/api/messages";
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(send(get(mails, null)).body()).contains("ada@example.com"));
        String tracedServices = "http://localhost:" + ports.get(7) + "/api/v2/services";
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(send(get(tracedServices, null)).body())
                        .as("both services export their spans to the demo's Zipkin")
                        .contains("order-service", "notification-service"));

        demo.destroy(); // SIGTERM, as Ctrl-C would
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(processesMentioning("-p " + ports.get(0))).isEmpty();
        });
        assertThat(Files.readString(output)).contains("Demo stopped.");
    }

    /** The token command the demo printed for {@code account}: the rest of the line that names its role. */
    private static String printedTokenCommand(String printed, DemoAccount account) {
        Matcher line = Pattern.compile("(?m)^\\s+" + Pattern.quote(account.role()) + "\\s+("
                        + Pattern.quote(DemoMain.TOKEN_COMMAND) + " .+)$")
                .matcher(printed);
        assertThat(line.find())
                .as("token command of %s in%n%s", account.role(), printed)
                .isTrue();
        return line.group(1);
    }

    /** Runs a command line in the project's directory, as a user pastes it, and returns what it printed. */
    private String run(String commandLine) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", commandLine)
                .directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(commandLine).isTrue();
        assertThat(process.exitValue()).as(commandLine).isZero();
        return out.strip();
    }

    private static String place(String orderApi, String token) throws Exception {
        HttpResponse<String> placed = send(post(orderApi + "/orders", token, ORDER));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        Matcher id = ORDER_ID.matcher(placed.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static List<String> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine())
                .flatMap(Optional::stream)
                .filter(line -> line.contains(text))
                .collect(Collectors.toList());
    }

    private static HttpRequest post(String url, String token, @Nullable String json) {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (json == null) {
            return request.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static HttpRequest get(String url, @Nullable String token) {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
