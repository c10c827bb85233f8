package dev.ordersystem.notifications.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

class DemoCredentialsTests {

    @Test
    void refusesTheDemoPasswordWithoutADemoProfile() {
        var environment = new MockEnvironment().withProperty("spring.datasource.password", "postgres");
        environment.setActiveProfiles("prod");

        assertThatThrownBy(() -> DemoCredentials.refuseOutsideDemo(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo's database password")
                .hasMessageContaining("spring.datasource.password")
                .hasMessageContaining("SPRING_DATASOURCE_PASSWORD")
                .hasMessageContaining("demo, dev or test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "dev", "test"})
    void acceptsTheDemoPasswordInADemoDevelopmentOrTestRun(String profile) {
        var environment = new MockEnvironment().withProperty("spring.datasource.password", "postgres");
        environment.setActiveProfiles(profile);

        assertThatCode(() -> DemoCredentials.refuseOutsideDemo(environment)).doesNotThrowAnyException();
    }

    @Test
    void acceptsAnyOtherPasswordWithoutAProfile() {
        var environment = new MockEnvironment().withProperty("spring.datasource.password", "s3cr3t-of-this-service");

        assertThatCode(() -> DemoCredentials.refuseOutsideDemo(environment)).doesNotThrowAnyException();
    }
}
