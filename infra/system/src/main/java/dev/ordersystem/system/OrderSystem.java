package dev.ordersystem.system;

import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.ServiceProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services of the order system as child processes against a {@link LocalStack}, a {@link MailCatcher} and an
 * authorization server (its issuer URI): any number of order-service and notification-service instances and the ops
 * console, each a real
 * JVM that can be stopped or SIGKILLed, with profile {@value #PROFILE} (the local stack's database account is the
 * demo's) and trusting the issuer's tokens. Closing stops every instance it started (the stack, the mail catcher and
 * the authorization server belong to the caller).
 */
public final class OrderSystem implements AutoCloseable {

    /** How long a service may take to become healthy. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    /** The profile the services run with: it allows the demo's database password. */
    public static final String PROFILE = "demo";

    /** The JVM options of the services of the demo and the benchmark: both compilers, as in production. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

    private final LocalStack stack;
    private final MailCatcher mail;
    private final URI issuer;
    private final Path root;
    private final Path logDir;
    private final List<String> jvmOptions;
    private final List<ServiceProcess> services = new ArrayList<>();

    public OrderSystem(LocalStack stack, MailCatcher mail, URI issuer, Path logDir) {
        this(stack, mail, issuer, logDir, JVM_OPTIONS);
    }

    /** With other JVM options for the services, e.g. {@link ServiceProcess#TEST_JVM_OPTIONS} in tests. */
    public OrderSystem(LocalStack stack, MailCatcher mail, URI issuer, Path logDir, List<String> jvmOptions) {
        this.stack = stack;
        this.mail = mail;
        this.issuer = issuer;
        this.root = projectRoot();
        this.logDir = logDir;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Starts an order-service instance (its relay competes for leadership) and waits until it is healthy. */
    public ServiceProcess startOrderService(String instance, int port, Map<String, String> extraProperties) {
        Map<String, String> properties = common("orders");
        properties.put("orders.relay.instance-id", instance);
        properties.putAll(extraProperties);
        return start(instance, root.resolve("order-service/target/order-service.jar"), port, properties);
    }

    /** Starts a notification-service instance (a member of the consumer group) and waits until it is healthy. */
    public ServiceProcess startNotificationService(String instance, int port, Map<String, String> extraProperties) {
        Map<String, String> properties = common("notifications");
        properties.put("spring.mail.host", "localhost");
        properties.put("spring.mail.port", Integer.toString(mail.smtpPort()));
        properties.putAll(extraProperties);
        return start(instance, root.resolve("notification-service/target/notification-service.jar"), port, properties);
    }

    /**
     * Starts the ops console on {@code port} for the services at {@code orderService} and {@code notificationService}
     * (base URLs) and waits until it is healthy. Its users log in at the issuer, through {@code http://localhost:8090}
     * (the demo) or {@code http://127.0.0.1:<port>} (any port: the client's loopback redirect URI).
     */
    public ServiceProcess startOpsConsole(
            String instance, int port, String orderService, String notificationService, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("console.bootstrap-servers", stack.bootstrapServers());
        properties.put("console.order-service", orderService);
        properties.put("console.notification-service", notificationService);
        properties.put("spring.security.oauth2.client.provider.identity.issuer-uri", issuer.toString());
        properties.putAll(extra);
        return start(instance, root.resolve("ops-console/target/ops-console.jar"), port, properties);
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Stops every service started here, newest first. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        services.clear();
    }

    /** The settings of every service: its database on the stack, the profile, the issuer it trusts. */
    private Map<String, String> common(String database) {
        Map<String, String> properties = new LinkedHashMap<>(stack.springProperties(database));
        properties.put("spring.profiles.active", PROFILE);
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.toString());
        return properties;
    }

    private ServiceProcess start(String name, Path jar, int port, Map<String, String> properties) {
        List<String> arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toList();
        ServiceProcess service =
                ServiceProcess.start(name, ServiceProcess.Program.jar(jar), port, arguments, jvmOptions, logDir);
        services.add(service);
        return service.awaitHealthy(STARTUP_TIMEOUT);
    }

    /**
     * The project's root directory: the system property {@code ordersystem.root} if set, else the nearest directory
     * upwards from the working directory that holds {@code mvnw} and {@code order-service/}.
     */
    public static Path projectRoot() {
        String configured = System.getProperty("ordersystem.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("order-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "Cannot find the project root (a directory with mvnw and order-service/); run from inside the"
                        + " project or set -Dordersystem.root=<dir>");
    }
}
