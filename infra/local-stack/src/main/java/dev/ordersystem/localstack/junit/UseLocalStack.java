package dev.ordersystem.localstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the JVM's shared {@link dev.ordersystem.localstack.LocalStack} (started on first use,
 * stopped when JUnit finishes) and points Spring Boot at it through system properties. See {@link
 * LocalStackExtension}.
 *
 * <p>Put it <em>before</em> {@code @SpringBootTest}, so that the stack is up and the properties are set before Spring
 * builds the application context:
 *
 * <pre>{@code
 * @UseLocalStack(database = "orders")
 * @SpringBootTest
 * class OrderFlowIntegrationTests { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalStackExtension.class)
public @interface UseLocalStack {

    /** The database that {@code spring.datasource.url} points at. */
    String database() default "orders";
}
