package dev.ordersystem.orders.relay;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The relay's beans; none of them exist with {@code orders.relay.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "orders.relay.enabled", matchIfMissing = true)
class RelayConfiguration {

    @Bean
    RelayState relayState(Clock clock) {
        return new RelayState(clock);
    }

    @Bean
    RelayDatabase relayDatabase(DataSourceProperties dataSource) {
        return RelayDatabase.of(
                dataSource.determineUrl(),
                String.valueOf(dataSource.determineUsername()),
                String.valueOf(dataSource.determinePassword()));
    }

    @Bean
    SlotInspector slotInspector(JdbcClient jdbc, RelayProperties relay) {
        return new SlotInspector(jdbc, relay.slotName());
    }

    @Bean
    RelayMetrics relayMetrics(MeterRegistry registry, RelayState state, SlotInspector slots) {
        return new RelayMetrics(registry, state, slots);
    }

    @Bean
    OutboxRelay outboxRelay(
            RelayProperties relay,
            RelayDatabase database,
            RelayState state,
            RelayMetrics metrics,
            SlotInspector slots,
            OutboxRetention retention,
            JdbcClient jdbc,
            Clock clock) {
        RelayKafkaClients kafka = new RelayKafkaClients(relay);
        StartCheck startCheck = new StartCheck(slots, new StoredOffsets(kafka, relay), retention, jdbc, state, relay);
        return new OutboxRelay(
                relay, database, kafka, state, metrics, new LeaderLease(database, relay), startCheck, clock);
    }

    @Bean
    RelayHealthIndicator relayHealthIndicator(RelayState state, RelayProperties relay) {
        return new RelayHealthIndicator(state, relay.instanceId());
    }

    @Bean
    RelayEndpoint relayEndpoint(RelayState state, SlotInspector slots, RelayProperties relay, Clock clock) {
        return new RelayEndpoint(state, slots, relay, clock);
    }

    @Bean
    OutboxRetention outboxRetention(JdbcClient jdbc, RelayState state, RelayProperties relay, Clock clock) {
        return new OutboxRetention(jdbc, state, relay, clock);
    }
}
