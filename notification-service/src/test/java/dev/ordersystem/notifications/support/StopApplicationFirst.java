package dev.ordersystem.notifications.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Closes the shared application context (and the tests' Kafka producer) when the test run ends, before the local
 * stack stops. Both are closed from
 * JUnit's root store, in reverse order of registration, and the stack registered first; without this, the context
 * would only close in a JVM shutdown hook, after the broker and the database are gone, and its consumers and
 * schedulers would complain about that.
 */
public final class StopApplicationFirst implements AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StopApplicationFirst.class);

    @Override
    public void afterAll(ExtensionContext context) {
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(TestKafka.class, key -> (AutoCloseable) TestKafka::close, AutoCloseable.class);
        if (application instanceof ConfigurableApplicationContext configurable) {
            context.getRoot()
                    .getStore(NAMESPACE)
                    .computeIfAbsent(
                            System.identityHashCode(configurable),
                            key -> (AutoCloseable) configurable::close,
                            AutoCloseable.class);
        }
    }
}
