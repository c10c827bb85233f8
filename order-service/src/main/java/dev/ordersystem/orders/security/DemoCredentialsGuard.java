package dev.ordersystem.orders.security;

import java.util.Arrays;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start with the demo's database password ({@code application.yaml}'s default, which the local stack and
 * compose's demo database use) unless a profile says this is a demo or a developer's machine: {@value #DEMO},
 * {@code dev} or {@code test}. Runs before any bean is created, so nothing connects with it. Registered in {@code
 * META-INF/spring.factories}.
 */
public class DemoCredentialsGuard implements EnvironmentPostProcessor {

    static final String PASSWORD_PROPERTY = "spring.datasource.password";
    static final String DEMO_PASSWORD = "postgres";
    static final String DEMO = "demo";
    static final Set<String> DEMO_PROFILES = Set.of(DEMO, "dev", "test");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demoPassword = DEMO_PASSWORD.equals(environment.getProperty(PASSWORD_PROPERTY));
        if (demoPassword && Arrays.stream(environment.getActiveProfiles()).noneMatch(DEMO_PROFILES::contains)) {
            throw new IllegalStateException("Refusing to start with the demo database password: set "
                    + PASSWORD_PROPERTY + " (environment variable SPRING_DATASOURCE_PASSWORD) to the password of the"
                    + " database account, or run with --spring.profiles.active=" + DEMO + " (or dev, test) on a"
                    + " demo or development machine");
        }
    }
}
