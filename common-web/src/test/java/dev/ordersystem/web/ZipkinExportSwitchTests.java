package dev.ordersystem.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ZipkinExportSwitchTests {

    private final ZipkinExportSwitch exportSwitch = new ZipkinExportSwitch();

    @Test
    void turnsZipkinExportOffWithoutAnEndpoint() {
        var environment = new MockEnvironment();

        exportSwitch.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(ZipkinExportSwitch.ENABLED, Boolean.class))
                .isFalse();
    }

    @Test
    void leavesZipkinExportOnWhereAnEndpointIsConfigured() {
        var environment =
                new MockEnvironment().withProperty(ZipkinExportSwitch.ENDPOINT, "http://127.0.0.1:9411/api/v2/spans");

        exportSwitch.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.containsProperty(ZipkinExportSwitch.ENABLED)).isFalse();
    }

    @Test
    void leavesAnExplicitChoiceAlone() {
        var environment = new MockEnvironment().withProperty(ZipkinExportSwitch.ENABLED, "true");

        exportSwitch.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(ZipkinExportSwitch.ENABLED, Boolean.class))
                .isTrue();
    }
}
