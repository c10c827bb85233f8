package dev.ordersystem.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * An {@link IdentityServer} started the way other modules' tests start it: next to the Spring context of a service
 * under test (with JDBC on the class path, this module's test scope), with its own settings, and leaving the caller's
 * context, logging and system properties as they are.
 */
class IdentityServerIsolationIntegrationTests {

    /** A service under test: Spring Boot with servlet, security and JDBC on the class path (no database here). */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    static class CallerApplication {}

    @Test
    void runsWithItsOwnSettingsAndLeavesTheCallersJvmAsItWas(@TempDir Path directory) throws Exception {
        KeyPair key = rsaKeyPair();
        Path pem = directory.resolve("identity-key.pem");
        Files.writeString(pem, pkcs8Pem(key));
        ConfigurableApplicationContext caller = new SpringApplicationBuilder(CallerApplication.class)
                .properties("server.port=0", "spring.main.banner-mode=off", "spring.security.user.password=caller")
                .run();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level rootLevel = root.getLevel();
        ListAppender<ILoggingEvent> startupLog = capture(StartupReport.class);
        // a system property of the caller's JVM must not reach the server's settings
        System.setProperty("identity.users.grace.password", "from-a-system-property");
        try {
            Properties before = copy(System.getProperties());

            try (IdentityServer identity = IdentityServer.start(Map.of(
                    "identity.access-token-lifetime", "PT1M",
                    "identity.signing-key", pem.toString(),
                    "identity.users.ada.password", "not-the-demo-password"))) {

                assertThat(changes(before)).isEmpty();
                assertThat(root.getLevel()).isEqualTo(rootLevel);
                // no authorization server beans or settings in the caller's context
                assertThat(caller.getBeanNamesForType(JWKSource.class)).isEmpty();
                assertThat(caller.getBeanNamesForType(JwtDecoder.class)).isEmpty();
                assertThat(caller.getEnvironment().getProperty("identity.issuer"))
                        .isNull();

                JWTClaimsSet ada = TestIdentity.verify(
                        identity.issuer(),
                        identity.tokenClient()
                                .login(IdentityServer.CLI_CLIENT, "ada", "not-the-demo-password")
                                .value());
                assertThat(Duration.between(
                                ada.getIssueTime().toInstant(),
                                ada.getExpirationTime().toInstant()))
                        .isEqualTo(Duration.ofMinutes(1));
                assertThat(identity.customerToken("grace")).isNotBlank();

                RSAKey published = (RSAKey) JWKSet.load(
                                URI.create(identity.issuer() + "/oauth2/jwks").toURL())
                        .getKeys()
                        .get(0);
                RSAKey expected = new RSAKey.Builder((RSAPublicKey) key.getPublic())
                        .keyIDFromThumbprint()
                        .build();
                assertThat(published.getModulus()).isEqualTo(expected.getModulus());
                assertThat(published.getKeyID()).isEqualTo(expected.getKeyID());

                assertThat(startupLog.list)
                        .filteredOn(event -> event.getLevel() == Level.WARN)
                        .singleElement()
                        .extracting(ILoggingEvent::getFormattedMessage)
                        .asString()
                        .contains("user grace", "client payment-service", "client ops-console")
                        .doesNotContain("user ada");
                assertThat(startupLog.list)
                        .filteredOn(event -> event.getLevel() == Level.INFO)
                        .extracting(ILoggingEvent::getFormattedMessage)
                        .anySatisfy(line -> assertThat(line).contains("issuer " + identity.issuer()));
            }
            assertThat(changes(before)).isEmpty();
            assertThat(caller.isActive()).isTrue();
        } finally {
            caller.close();
            System.clearProperty("identity.users.grace.password");
            ((Logger) LoggerFactory.getLogger(StartupReport.class)).detachAppender(startupLog);
        }
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** What {@code openssl genpkey -algorithm RSA} writes. */
    private static String pkcs8Pem(KeyPair key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> source) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
        return appender;
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** The system properties that were set, changed or removed since {@code before}: name -> before -> now. */
    private static Map<String, String> changes(Properties before) {
        Map<String, String> changes = new TreeMap<>();
        Properties now = System.getProperties();
        Set<String> names = new HashSet<>(before.stringPropertyNames());
        names.addAll(now.stringPropertyNames());
        for (String name : names) {
            if (!Objects.equals(before.getProperty(name), now.getProperty(name))) {
                changes.put(name, before.getProperty(name) + " -> " + now.getProperty(name));
            }
        }
        return changes;
    }
}
