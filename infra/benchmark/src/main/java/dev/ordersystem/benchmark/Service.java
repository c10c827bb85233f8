package dev.ordersystem.benchmark;

import dev.ordersystem.system.OrderSystem;
import java.nio.file.Path;

/** The services the benchmark starts as processes, by the names their instances, jars and figures go by. */
enum Service {
    ORDER_SERVICE("order-service"),
    NOTIFICATION_SERVICE("notification-service");

    private final String serviceName;

    Service(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The name of its {@code n}-th instance, {@code order-service-1} for example. */
    String instance(int n) {
        return serviceName + "-" + n;
    }

    /** Its packaged jar, which the benchmark starts. */
    Path jar() {
        return OrderSystem.projectRoot().resolve(serviceName + "/target/" + serviceName + ".jar");
    }

    @Override
    public String toString() {
        return serviceName;
    }
}
