package dev.ordersystem.orders.support;

import java.util.List;

/**
 * Names that keep the relays of different test classes apart on the shared stack: each gets its own replication slot
 * (and so its own lease), publication, events topic and offsets topic.
 */
public record RelayTestNames(String slot, String publication, String topic, String offsetsTopic) {

    public static RelayTestNames of(String suffix) {
        return new RelayTestNames(
                "relay_" + suffix, "relay_pub_" + suffix, "orders.events." + suffix, "orders.relay.offsets." + suffix);
    }

    /** As {@code key=value} Spring properties. */
    public List<String> properties() {
        return List.of(
                "orders.relay.slot-name=" + slot,
                "orders.relay.publication-name=" + publication,
                "orders.relay.topic=" + topic,
                "orders.relay.offsets-topic=" + offsetsTopic);
    }

    /** As {@code --key=value} command-line arguments. */
    public List<String> arguments() {
        return properties().stream().map(property -> "--" + property).toList();
    }
}
