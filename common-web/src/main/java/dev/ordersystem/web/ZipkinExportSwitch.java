package dev.ordersystem.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spans are exported in Zipkin's format only where an endpoint is configured ({@value #ENDPOINT}): Spring Boot's
 * default would send them to {@code localhost:9411} and log a failure for every batch where no Zipkin runs. Without an
 * endpoint this turns {@value #ENABLED} off, unless it is set explicitly.
 */
public class ZipkinExportSwitch implements EnvironmentPostProcessor {

    static final String ENDPOINT = "management.tracing.export.zipkin.endpoint";
    static final String ENABLED = "management.tracing.export.zipkin.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty(ENDPOINT) && !environment.containsProperty(ENABLED)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource("zipkinExportWithoutEndpoint", Map.of(ENABLED, false)));
        }
    }
}
