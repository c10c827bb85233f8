package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.LocalStackOptions;
import dev.ordersystem.localstack.Ports;
import dev.ordersystem.localstack.ServiceProcess;
import dev.ordersystem.system.DemoAccount;
import dev.ordersystem.system.IdentityProcess;
import dev.ordersystem.system.MailCatcher;
import dev.ordersystem.system.OrderSystem;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every phase runs on: PostgreSQL and Kafka (the local stack, with the benchmark's topics), a mail catcher for
 * notification-service, the authorization server whose tokens the services validate, and the groups of service
 * processes started on them. Closing it, at the end of the run or on Ctrl-C, stops the services first, then the
 * authorization server, the mail catcher and the stack.
 */
final class Testbed implements AutoCloseable {

    /** How order-service runs its relay. */
    enum Relay {
        DISABLED(Map.of("orders.relay.enabled", "false")),
        /** The CDC relay, with the histogram of its lag timer published for {@link RelayTimer}. */
        CDC(Map.of(
                "orders.relay.enabled",
                "true",
                "management.metrics.distribution.percentiles-histogram.orders.relay.lag",
                "true"));

        private final Map<String, String> properties;

        Relay(Map<String, String> properties) {
            this.properties = properties;
        }
    }

    private final LocalStack stack;
    private final MailCatcher mail;
    private final IdentityProcess identity;
    private final ApiTokens tokens;
    private final Database database;
    private final Map<String, String> postgresSettings;
    private final Path logDir;
    private final List<Services> groups = new ArrayList<>();
    private final List<Machine.Rss> peakRss = new CopyOnWriteArrayList<>();
    private final AtomicInteger orderServiceInstances = new AtomicInteger();
    private final Thread shutdownHook = new Thread(this::close, "benchmark-shutdown");
    private boolean closed;

    private Testbed(
            LocalStack stack,
            MailCatcher mail,
            IdentityProcess identity,
            Database database,
            Map<String, String> postgresSettings,
            Path logDir) {
        this.stack = stack;
        this.mail = mail;
        this.identity = identity;
        this.tokens =
                new ApiTokens(identity.renewingToken(DemoAccount.STAFF), identity.renewingToken(DemoAccount.OPERATOR));
        this.database = database;
        this.postgresSettings = postgresSettings;
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts PostgreSQL and Kafka, checks that PostgreSQL records commit times (and runs with fsync, synchronous_commit
     * and full_page_writes on if the options ask for durability), creates the topics, starts the mail
     * catcher and the authorization server; the logs of the services and the authorization server go to {@code
     * logDir}.
     */
    static Testbed start(LocalStackOptions stackOptions, Path logDir) throws Exception {
        // closed by the testbed (also on Ctrl-C), after the services that use it
        LocalStack stack = LocalStack.start(stackOptions).withoutShutdownHook();
        try {
            Database database = new Database(stack);
            Map<String, String> postgresSettings = database.settings();
            if (stackOptions.durable()
                    && !List.of("on", "on", "on")
                            .equals(List.of(
                                    postgresSettings.get("fsync"),
                                    postgresSettings.get("synchronous_commit"),
                                    postgresSettings.get("full_page_writes")))) {
                throw new IllegalStateException("PostgreSQL runs without production durability: " + postgresSettings);
            }
            if (!"on".equals(postgresSettings.get("track_commit_timestamp"))) {
                throw new IllegalStateException("PostgreSQL runs without track_commit_timestamp=on; the local stack"
                        + " must set it (the benchmark reads commit times with pg_xact_commit_timestamp)");
            }
            Kafka.createTopics(stack.bootstrapServers());
            MailCatcher mail = MailCatcher.start(Ports.freePort(), Ports.freePort());
            try {
                IdentityProcess identity = IdentityProcess.start(Ports.freePort(), List.of(), logDir);
                return new Testbed(stack, mail, identity, database, postgresSettings, logDir);
            } catch (RuntimeException e) {
                mail.close();
                throw e;
            }
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    Database database() {
        return database;
    }

    /** The issuer whose tokens the services accept. */
    URI issuer() {
        return identity.issuer();
    }

    ApiTokens tokens() {
        return tokens;
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    /** The PostgreSQL server settings that shape the figures. */
    Map<String, String> postgresSettings() {
        return postgresSettings;
    }

    /** A new group of service processes, stopped together. */
    synchronized Services services() {
        if (closed) {
            throw new IllegalStateException("The testbed is stopped");
        }
        Services services = new Services(new OrderSystem(stack, mail, identity.issuer(), logDir));
        groups.add(services);
        return services;
    }

    /** The peak RSS of every service instance stopped so far. */
    List<Machine.Rss> peakRss() {
        return List.copyOf(peakRss);
    }

    /**
     * Stops whatever still runs (services, newest group first, then the authorization server, the mail catcher and the
     * stack); idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = groups.size() - 1; i >= 0; i--) {
            groups.get(i).close();
        }
        identity.close();
        mail.close();
        stack.close();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /** Service processes that stop together; closing reads each live one's peak RSS first, then stops it (SIGTERM). */
    final class Services implements AutoCloseable {

        private final OrderSystem system;
        private final List<Started> started = new ArrayList<>();

        private record Started(Service service, ServiceProcess process) {}

        private Services(OrderSystem system) {
            this.system = system;
        }

        /** Starts the next order-service instance and waits until it is healthy. */
        ServiceProcess startOrderService(Relay relay) {
            return add(
                    Service.ORDER_SERVICE,
                    system.startOrderService(
                            Service.ORDER_SERVICE.instance(orderServiceInstances.incrementAndGet()),
                            Ports.freePort(),
                            relay.properties));
        }

        /** Starts notification-service in the background; the future completes when it is healthy. */
        CompletableFuture<ServiceProcess> startNotificationServiceInBackground() {
            return CompletableFuture.supplyAsync(() -> add(
                    Service.NOTIFICATION_SERVICE,
                    system.startNotificationService(
                            Service.NOTIFICATION_SERVICE.instance(1), Ports.freePort(), Map.of())));
        }

        private synchronized ServiceProcess add(Service service, ServiceProcess process) {
            started.add(new Started(service, process));
            return process;
        }

        @Override
        public synchronized void close() {
            for (Started one : started) {
                if (one.process().isAlive()) {
                    Machine.rss(one.service(), one.process()).ifPresent(peakRss::add);
                }
            }
            started.clear();
            system.close();
        }
    }
}
