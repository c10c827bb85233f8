package dev.ordersystem.orders.support;

import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The order-service processes of a test class, each with the class's relay names on the shared stack; all of them are
 * closed after the class. Register it as a {@code static} {@code @RegisterExtension} field.
 */
public final class RelayProcesses implements AfterAllCallback {

    private final RelayTestNames names;
    private final List<OrderServiceProcess> started = new CopyOnWriteArrayList<>();

    public RelayProcesses(RelayTestNames names) {
        this.names = names;
    }

    /** Starts an instance called {@code name} with the relay names and {@code arguments} ({@code --key=value}). */
    public OrderServiceProcess start(String name, String... arguments) {
        List<String> all = new ArrayList<>(names.arguments());
        all.addAll(List.of(arguments));
        OrderServiceProcess process = OrderServiceProcess.start(name, LocalStackExtension.stack(), all);
        started.add(process);
        return process;
    }

    /** The outbox table of the shared stack's database. */
    public OutboxRows outbox() {
        return new OutboxRows(LocalStackExtension.stack());
    }

    /** A reader of the class's topic, from its start. */
    public TopicReader<String, String> topic() {
        return TopicReader.ofStrings(LocalStackExtension.stack().bootstrapServers(), names.topic());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        started.forEach(OrderServiceProcess::close);
    }
}
