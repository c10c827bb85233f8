package dev.ordersystem.notifications.security;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The demo's credentials are for the demo: application.yaml lets the service start against a local PostgreSQL with
 * the demo's superuser password, and this refuses that unless a profile says the run is a demo, development or a
 * test ({@value #PROFILES}).
 */
final class DemoCredentials {

    static final String PROFILES = "demo | dev | test";
    static final String PASSWORD_PROPERTY = "spring.datasource.password";

    private static final String DEMO_PASSWORD = "postgres";

    private DemoCredentials() {}

    /** @throws IllegalStateException the demo's database password outside a demo, development or test run */
    static void refuseOutsideDemo(Environment environment) {
        if (DEMO_PASSWORD.equals(environment.getProperty(PASSWORD_PROPERTY))
                && !environment.acceptsProfiles(Profiles.of(PROFILES))) {
            throw new IllegalStateException("Refusing to start with the demo's database password: set "
                    + PASSWORD_PROPERTY + " (environment SPRING_DATASOURCE_PASSWORD) to this service's own"
                    + " credentials, or activate profile demo, dev or test (spring.profiles.active) for a local run");
        }
    }
}
