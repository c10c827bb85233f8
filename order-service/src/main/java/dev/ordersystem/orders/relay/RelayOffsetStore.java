package dev.ordersystem.orders.relay;

import io.debezium.embedded.KafkaConnectUtil;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;

/**
 * Kafka Connect's {@link KafkaOffsetBackingStore} (offsets in a compacted topic) that also closes the admin client it
 * uses. Debezium 3.6 builds the store for {@code offset.storage=...KafkaOffsetBackingStore} with a {@link
 * SharedTopicAdmin} that nobody closes, so every engine start would leave an admin client (and its network thread)
 * behind; the relay restarts its engine after failures, so it names this class instead. Debezium creates it through
 * the public no-argument constructor.
 */
public class RelayOffsetStore extends KafkaOffsetBackingStore {

    private final AtomicReference<SharedTopicAdmin> admin;

    public RelayOffsetStore() {
        this(new AtomicReference<>());
    }

    private RelayOffsetStore(AtomicReference<SharedTopicAdmin> admin) {
        super(() -> admin.get().get(), () -> "order-relay-offsets", KafkaConnectUtil.converterForOffsetStore());
        this.admin = admin;
    }

    @Override
    public void configure(WorkerConfig config) {
        Map<String, Object> adminConfig = new HashMap<>();
        config.originals().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "order-relay-offsets-admin");
        SharedTopicAdmin previous = admin.getAndSet(new SharedTopicAdmin(adminConfig));
        if (previous != null) {
            previous.close(Duration.ZERO);
        }
        super.configure(config);
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            SharedTopicAdmin shared = admin.getAndSet(null);
            if (shared != null) {
                shared.close(Duration.ofSeconds(5));
            }
        }
    }
}
