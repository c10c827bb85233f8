package dev.ordersystem.orders.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersystem.orders.OrderServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

class DemoCredentialsGuardTests {

    @ParameterizedTest(name = "password {0}, profiles [{1}]: starts = {2}")
    @CsvSource({
        "postgres, '',          false",
        "postgres, prod,        false",
        "postgres, demo,        true",
        "postgres, dev,         true",
        "postgres, test,        true",
        "postgres, 'prod,demo', true",
        "s3cr3t,   '',          true",
        "s3cr3t,   prod,        true",
    })
    void allowsTheDemoPasswordOnlyWithADemoProfile(String password, String profiles, boolean starts) {
        var environment = new MockEnvironment().withProperty("spring.datasource.password", password);
        environment.setActiveProfiles(profiles.isEmpty() ? new String[0] : profiles.split(","));

        var check = assertThatCode(
                () -> new DemoCredentialsGuard().postProcessEnvironment(environment, new SpringApplication()));

        if (starts) {
            check.doesNotThrowAnyException();
        } else {
            check.isInstanceOf(IllegalStateException.class).hasMessageContaining("spring.datasource.password");
        }
    }

    @Test
    void theServiceRefusesToStartWithApplicationYamlsPasswordAndSaysWhatToSet() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(OrderServiceApplication.class)
                        .run("--server.port=0", "--spring.main.banner-mode=off"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Refusing to start with the demo database password")
                .hasMessageContaining("set spring.datasource.password")
                .hasMessageContaining("--spring.profiles.active=demo");
    }
}
