package dev.ordersystem.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Logs the issuer once the server is up, and a warning while any password or secret is still the demo's. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final IdentityProperties properties;

    StartupReport(IdentityProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        List<String> demo = demoCredentialsInUse();
        if (!demo.isEmpty()) {
            log.warn(
                    "Demo credentials in use for {}: fine for the demo and tests, never for a deployment "
                            + "(set identity.users.<name>.password and identity.clients.<id>.secret)",
                    String.join(", ", demo));
        }
        log.info(
                "Identity server ready, issuer {} (discovery {}/.well-known/openid-configuration)",
                properties.issuer(),
                properties.issuer());
    }

    /** The users and clients whose secret is still the one in the bundled {@value IdentityApplication#CONFIG_FILE}. */
    List<String> demoCredentialsInUse() {
        PropertySource<?> bundled = bundledConfiguration();
        List<String> demo = new ArrayList<>();
        properties.users().forEach((name, user) -> {
            if (Objects.equals(bundled.getProperty("identity.users." + name + ".password"), user.password())) {
                demo.add("user " + name);
            }
        });
        properties.clients().forEach((id, client) -> {
            if (!client.isPublic()
                    && Objects.equals(bundled.getProperty("identity.clients." + id + ".secret"), client.secret())) {
                demo.add("client " + id);
            }
        });
        return demo;
    }

    private static PropertySource<?> bundledConfiguration() {
        try {
            return new YamlPropertySourceLoader()
                    .load(IdentityApplication.CONFIG_FILE, new ClassPathResource(IdentityApplication.CONFIG_FILE))
                    .get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
