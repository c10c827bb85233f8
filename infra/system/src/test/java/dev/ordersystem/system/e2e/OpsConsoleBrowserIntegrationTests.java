package dev.ordersystem.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventType;
import dev.ordersystem.localstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The ops console in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}, which {@code
 * .ci/run} installs), against the whole system as processes: an operator logs in through the authorization server's
 * login form, watches the log-end offsets and the events/s move while orders are placed, sees the notification-service
 * group's lag grow on exactly the partitions of the orders' keys while its only member is stopped, and fall back to 0
 * after its restart; the journey of one order shows its OrderPlaced event at the partition and offset a Kafka consumer
 * reads it from. Screenshots go to {@code infra/system/target/ops-console/}; the page must log no errors.
 */
class OpsConsoleBrowserIntegrationTests extends E2eSuite {

    private static final String NOTIFIER = "notify-1";
    private static final String GROUP = E2eSystem.GROUP;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = E2eSystem.LOG_ROOT.resolveSibling("ops-console");
    private static final Duration PAGE_UPDATE = Duration.ofSeconds(20);

    private static ServiceProcess console;
    private static ChromeDriver browser;

    @BeforeAll
    static void startSystemAndBrowser() throws IOException {
        system = E2eSystem.singleBroker("ops-console");
        // the smallest segments Kafka allows (1 MiB), rolled every 2 s as well, so that the console shows them roll
        startServices(
                Map.of(
                        "orders.relay.topic-config.segment.bytes", "1048576",
                        "orders.relay.topic-config.segment.ms", "2000"),
                Map.of(NOTIFIER, Map.of()));
        console = system.startOpsConsole(
                "ops-console",
                system.process(ORDER_SERVICE).baseUrl(),
                system.process(NOTIFIER).baseUrl());
        browser = chromium();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void operatorSeesOffsetsMoveAndLagGrowOnTheKeysPartitionsWhileTheConsumerIsDownThenFallToZero() {
        // http://127.0.0.1:<port>: the console client's loopback redirect URI accepts any port
        String consoleUrl = "http://127.0.0.1:" + console.port() + "/";
        try (Scenario scenario = system.scenario("ops-console")) {
            scenario.step("logging in as operator olga through the authorization server's form");
            browser.get(consoleUrl);
            await().atMost(PAGE_UPDATE)
                    .until(() -> !browser.findElements(By.id("username")).isEmpty());
            browser.findElement(By.id("username")).sendKeys("olga");
            browser.findElement(By.id("password")).sendKeys("olga-password");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            await().atMost(PAGE_UPDATE).untilAsserted(() -> {
                assertThat(browser.getCurrentUrl()).startsWith(consoleUrl);
                assertThat(text("user-name")).isEqualTo("olga");
                assertThat(text("user-role")).isEqualTo("operator");
            });
            await().atMost(PAGE_UPDATE).until(() -> text("log-end-0") != null);
            int partitions =
                    browser.findElements(By.cssSelector("#partitions tbody tr")).size();
            assertThat(partitions).isEqualTo(6);
            assertThat(text("partition-0"))
                    .as("segments read from the broker's log directory")
                    .contains("log dir");
            assertThat(text("topic-config")).contains("segment.bytes 1.0 MiB", "segment.ms 2 s");
            long logEndBefore = logEndTotal(partitions);

            scenario.step("placing orders at 8/s: the log-end offsets and the events/s move");
            LoadGenerator load = scenario.load(api, 40, 2, 8);
            await().atMost(PAGE_UPDATE).until(() -> Double.parseDouble(text("events-per-second")) > 0);
            List<PlacedOrder> placed = load.awaitCompletion(Duration.ofMinutes(2));
            int events =
                    placed.stream().mapToInt(o -> o.flow().eventTypes().size()).sum();
            await().atMost(PAGE_UPDATE).until(() -> logEndTotal(partitions) >= logEndBefore + events);
            assertThat(browser.findElements(By.cssSelector("#feed tbody tr")))
                    .as("events read by the console's own group")
                    .isNotEmpty();
            assertThat(text("group-ops-console")).as("the console's own group").isNotNull();
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> pageLag(partitions).values().stream().allMatch(lag -> lag == 0));
            screenshot("01-orders-flowing.png");
            assertThat(errors()).as("errors in the browser's console").isEmpty();

            scenario.step("stopping %s: the group keeps its committed offsets, the log grows past them", NOTIFIER);
            system.stop(NOTIFIER);
            List<String> orderIds = IntStream.range(0, 12)
                    .mapToObj(i -> api.place("console-lag-" + i, scenario.customerPrefix() + "lag", i))
                    .toList();
            // the relay publishes after the commit: wait until every order's event is on the topic
            Map<Integer, Long> expectedLag = await().atMost(PAGE_UPDATE)
                    .until(
                            () -> lagOf(orderIds),
                            lag -> lag.values().stream()
                                            .mapToLong(Long::longValue)
                                            .sum()
                                    == orderIds.size());
            Map<Integer, Long> expected = IntStream.range(0, partitions)
                    .boxed()
                    .collect(Collectors.toMap(p -> p, p -> expectedLag.getOrDefault(p, 0L)));
            await().atMost(PAGE_UPDATE)
                    .untilAsserted(() -> assertThat(pageLag(partitions))
                            .as("lag of %s per partition", GROUP)
                            .isEqualTo(expected));
            scenario.extra("lagging-partitions", expectedLag.keySet());
            await().atMost(PAGE_UPDATE)
                    .alias("the dead-letter panel says that " + NOTIFIER + " cannot be reached")
                    .until(() -> String.valueOf(text("dead-letter-counts")).contains("cannot be reached"));
            await().atMost(PAGE_UPDATE)
                    .alias("a segment rolled (segment.ms 2 s)")
                    .until(() -> IntStream.range(0, partitions).anyMatch(p -> segments(p) > 1));
            screenshot("02-lag-while-consumer-stopped.png");

            scenario.step("restarting %s: the lag falls back to 0", NOTIFIER);
            system.restart(NOTIFIER);
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> assertThat(pageLag(partitions))
                            .as("lag of %s per partition", GROUP)
                            .allSatisfy((partition, lag) -> assertThat(lag).isZero()));
            screenshot("03-caught-up.png");
            // while notification-service was down, its dead-letter panel said so: not an error of the page
            assertThat(errors())
                    .as("errors in the browser's console while %s was down", NOTIFIER)
                    .isEmpty();
            // a refresh of every panel with everything up
            await().atMost(PAGE_UPDATE)
                    .until(() -> text("dead-letter-counts") != null
                            && text("dead-letter-counts").contains("dead letters"));
            assertThat(errors()).as("errors in the browser's console").isEmpty();

            scenario.step("opening one order's journey: its OrderPlaced event where a Kafka consumer reads it");
            String orderId = placed.get(0).orderId();
            TopicLog.Entry orderPlaced = system.topic().readToEnd(Duration.ofSeconds(30)).stream()
                    .filter(entry -> orderId.equals(entry.key()) && entry.envelope() != null)
                    .filter(entry -> entry.envelope().eventType().equals(EventType.ORDER_PLACED.wireName()))
                    .findFirst()
                    .orElseThrow();
            browser.findElement(By.id("journey-order-id")).sendKeys(orderId);
            browser.findElement(By.id("journey-show")).click();
            String row = "journey-" + orderPlaced.envelope().eventId();
            await().atMost(PAGE_UPDATE).untilAsserted(() -> {
                assertThat(cell(row, "journey-type")).isEqualTo(EventType.ORDER_PLACED.wireName());
                assertThat(cell(row, "journey-partition")).isEqualTo(String.valueOf(orderPlaced.partition()));
                assertThat(cell(row, "journey-offset")).isEqualTo(String.valueOf(orderPlaced.offset()));
            });
            assertThat(text("journey-summary")).contains(orderId);
            ((JavascriptExecutor) browser).executeScript("document.getElementById('journey-panel').scrollIntoView()");
            screenshot("04-journey.png");
            assertThat(errors()).as("errors in the browser's console").isEmpty();
            assertThat(fetchStatus("/api/orders/not-an-order/journey")).isEqualTo("400 application/problem+json");
            assertThat(fetchStatus("/api/orders/" + UUID.randomUUID() + "/journey"))
                    .as("an order that order-service does not know")
                    .isEqualTo("404 application/problem+json");
            assertThat(errors())
                    .hasSize(2)
                    .allSatisfy(error -> assertThat(error).contains("/journey"));
        }
    }

    /** The text of the element with this id, read in one script (the page replaces its elements at every update). */
    private static String text(String id) {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("const e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
    }

    /** The text of the cell with this class in the row with this id, or {@code null} while there is none. */
    private static String cell(String rowId, String cellClass) {
        return (String) ((JavascriptExecutor) browser)
                .executeScript(
                        "const e = document.querySelector('#' + CSS.escape(arguments[0]) + ' .' + arguments[1]);"
                                + " return e ? e.textContent : null;",
                        rowId,
                        cellClass);
    }

    /** The status and content type of a GET by the page's session (the browser logs a failed one as an error). */
    private static String fetchStatus(String path) {
        return (String) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[1]; fetch(arguments[0], {headers: {Accept: 'application/json'}})"
                                + ".then(r => done(r.status + ' ' + r.headers.get('Content-Type')));",
                        path);
    }

    private static long logEndTotal(int partitions) {
        return IntStream.range(0, partitions)
                .mapToLong(p -> Long.parseLong(text("log-end-" + p)))
                .sum();
    }

    /** The number of segments of a partition, as the page shows it ("... 3 segments (broker log dir)"). */
    private static int segments(int partition) {
        Matcher count = Pattern.compile("(\\d+) segments? \\(broker log dir\\)").matcher(text("segments-" + partition));
        return count.find() ? Integer.parseInt(count.group(1)) : 0;
    }

    /** The lag of the notification-service group per partition, as the page shows it. */
    /** How many events of these orders each partition holds now. */
    private static Map<Integer, Long> lagOf(List<String> orderIds) {
        Map<Integer, Long> perPartition = new HashMap<>();
        system.topic().readToEnd(Duration.ofSeconds(30)).stream()
                .filter(entry -> orderIds.contains(entry.key()))
                .forEach(entry -> perPartition.merge(entry.partition(), 1L, Long::sum));
        return perPartition;
    }

    private static Map<Integer, Long> pageLag(int partitions) {
        return IntStream.range(0, partitions)
                .boxed()
                .collect(Collectors.toMap(p -> p, p -> Long.parseLong(text("lag-" + GROUP + "-" + p))));
    }

    /** The errors the page logged since the last call. */
    private static List<String> errors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static void screenshot(String name) {
        try {
            Files.copy(
                    browser.getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChromeDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,2000",
                "--user-data-dir=" + Files.createTempDirectory("ops-console-chromium"));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }
}
