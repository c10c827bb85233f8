package dev.ordersystem.localstack.junit;

import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.LocalStackOptions;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives test classes one {@link LocalStack} per JVM: the first test class that needs it starts it with {@link
 * LocalStackOptions#forTests()} (mode from {@code -Dstack.mode} / {@code STACK_MODE}, else Testcontainers when Docker
 * answers, else local), later ones reuse it, and JUnit closes it when the whole run ends (it lives in the root
 * context's store).
 *
 * <p>Before each test class it sets these system properties, so that a Spring Boot test context loaded afterwards
 * uses the stack: {@code spring.datasource.url} (database from {@link UseLocalStack#database()}, default {@code
 * orders}), {@code spring.datasource.username}, {@code spring.datasource.password}, {@code
 * spring.kafka.bootstrap-servers}, and also {@code localstack.jdbc-url} and {@code localstack.bootstrap-servers}.
 *
 * <p>Register it <em>before</em> {@code @SpringBootTest} (extensions run in the order they are declared), best with
 * {@link UseLocalStack}. Tests that need raw JDBC or Kafka access call {@link #stack()}.
 */
public final class LocalStackExtension implements BeforeAllCallback, TestInstancePreConstructCallback {

    private static final Namespace NAMESPACE = Namespace.create(LocalStackExtension.class);

    private static volatile @Nullable LocalStack current;

    /** The running stack of this JVM. */
    public static LocalStack stack() {
        LocalStack stack = current;
        if (stack == null) {
            throw new IllegalStateException(
                    "No local stack is running; annotate the test class with @UseLocalStack (before @SpringBootTest)");
        }
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        useStack(context);
    }

    /** Also before the test instance is created: with {@code @TestInstance(PER_CLASS)} that happens before beforeAll. */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        useStack(context);
    }

    private static void useStack(ExtensionContext context) {
        LocalStack stack = context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        LocalStack.class, key -> LocalStack.start(LocalStackOptions.forTests()), LocalStack.class);
        current = stack;
        String database = database(context);
        stack.springProperties(database).forEach(System::setProperty);
        System.setProperty("localstack.jdbc-url", stack.jdbcUrl(database));
        System.setProperty("localstack.bootstrap-servers", stack.bootstrapServers());
    }

    /** From the nearest {@link UseLocalStack}, looking outwards through enclosing (nested) test classes. */
    private static String database(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context);
                c.isPresent();
                c = c.get().getParent()) {
            Optional<UseLocalStack> annotation = c.get()
                    .getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, UseLocalStack.class));
            if (annotation.isPresent()) {
                return annotation.get().database();
            }
        }
        return "orders";
    }
}
