package dev.ordersystem.identity;

import dev.ordersystem.identity.IdentityProperties.Client;
import dev.ordersystem.identity.IdentityProperties.User;
import dev.ordersystem.identity.client.TokenClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * The authorization server inside a test's JVM, with the demo users and clients on a free port:
 *
 * <pre>
 * try (IdentityServer identity = IdentityServer.start()) {
 *     String ada = identity.customerToken("ada");       // a real login: authorization code + PKCE
 *     String payment = identity.paymentToken();         // client credentials, scope orders.pay
 *     String expired = identity.sign(Map.of("sub", "ada"), past, past.plusSeconds(60));
 * }
 * </pre>
 *
 * It runs in its own Spring application context, next to the caller's and independent of it: its own environment
 * (the bundled {@code identity.yaml} plus the given properties, no system properties or environment variables), no
 * logging initialisation, and the system properties that Spring Boot and Tomcat set while starting are put back as
 * they were.
 */
public final class IdentityServer implements AutoCloseable {

    /** The public client that the user logins of this class go through. */
    public static final String CLI_CLIENT = "order-cli";

    private static final int START_ATTEMPTS = 3;

    private final ConfigurableApplicationContext context;
    private final IdentityProperties properties;
    private final TokenClient tokenClient;

    private IdentityServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.properties = context.getBean(IdentityProperties.class);
        this.tokenClient = new TokenClient(properties.issuer());
    }

    /** Starts the server with the demo settings on a free port. */
    public static IdentityServer start() {
        return start(Map.of());
    }

    /**
     * Starts the server on a free port with the demo settings and {@code properties} on top, e.g. {@code
     * identity.access-token-lifetime}.
     */
    public static IdentityServer start(Map<String, ?> properties) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new IdentityServer(run(freePort(), properties));
            } catch (RuntimeException e) {
                if (attempt == START_ATTEMPTS || !portTaken(e)) {
                    throw e;
                }
                // another process took the port between the probe and the bind: try another one
            }
        }
    }

    private static ConfigurableApplicationContext run(int port, Map<String, ?> properties) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.config.name", IdentityApplication.CONFIG_NAME);
        settings.put("spring.main.banner-mode", "off");
        settings.put("identity.port", port);
        settings.putAll(properties);
        ConfigurableEnvironment environment = new AbstractEnvironment() {};
        environment.getPropertySources().addFirst(new MapPropertySource("identity-server", settings));
        SpringApplication application = new SpringApplication(IdentityApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setEnvironment(environment);
        // the caller's logging stays as it is configured
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener))
                .toList());
        Properties before = (Properties) System.getProperties().clone();
        try {
            return application.run();
        } finally {
            restore(before);
        }
    }

    /** Undoes what starting did to the system properties ({@code java.awt.headless}, Tomcat's {@code catalina.*}). */
    private static void restore(Properties before) {
        for (String name : System.getProperties().stringPropertyNames()) {
            String value = before.getProperty(name);
            if (value == null) {
                System.clearProperty(name);
            } else if (!value.equals(System.getProperty(name))) {
                System.setProperty(name, value);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortInUseException) {
                return true;
            }
        }
        return false;
    }

    /** The issuer, {@code http://localhost:<port>}: for the resource servers' {@code issuer-uri}. */
    public URI issuer() {
        return properties.issuer();
    }

    /** A client for this server. */
    public TokenClient tokenClient() {
        return tokenClient;
    }

    /** The access token of a customer ({@code ada}, {@code grace}, {@code linus}): {@code sub}, {@code email}. */
    public String customerToken(String customer) {
        return userToken(customer);
    }

    /** Support staff {@code sam}, role {@code staff}. */
    public String staffToken() {
        return userToken("sam");
    }

    /** Operator {@code olga}, roles {@code operator} and {@code viewer}. */
    public String operatorToken() {
        return userToken("olga");
    }

    /** Read-only ops viewer {@code victor}, role {@code viewer}. */
    public String viewerToken() {
        return userToken("victor");
    }

    /** The machine client {@code payment-service}, scope {@code orders.pay}. */
    public String paymentToken() {
        return clientToken("payment-service");
    }

    /** The machine client {@code warehouse}, scope {@code orders.ship}. */
    public String warehouseToken() {
        return clientToken("warehouse");
    }

    /** The access token of a configured user, from a real login through {@value #CLI_CLIENT}. */
    public String userToken(String username) {
        User user = properties.users().get(username);
        if (user == null) {
            throw new IllegalArgumentException(
                    "No user " + username + "; users are " + properties.users().keySet());
        }
        return tokenClient
                .login(CLI_CLIENT, username, user.password(), "openid", "profile", "email")
                .value();
    }

    /** The access token of a configured confidential client, with all its scopes. */
    public String clientToken(String clientId) {
        Client client = properties.clients().get(clientId);
        if (client == null || client.isPublic()) {
            throw new IllegalArgumentException("No confidential client " + clientId);
        }
        return tokenClient
                .clientCredentials(clientId, client.secret(), client.scopes().toArray(String[]::new))
                .value();
    }

    /**
     * A JWT with these claims and {@code iss} (this issuer unless {@code claims} has one), {@code iat} and {@code exp}, signed (RS256) with this server's
     * real key: for tokens the server would not issue, such as an expired one.
     */
    public String sign(Map<String, ?> claims, Instant issuedAt, Instant expiresAt) {
        JwtClaimsSet.Builder claimsSet = JwtClaimsSet.builder()
                .issuer(properties.issuer().toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt);
        claims.forEach(claimsSet::claim);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return context.getBean(JwtEncoder.class)
                .encode(JwtEncoderParameters.from(header, claimsSet.build()))
                .getTokenValue();
    }

    @Override
    public void close() {
        context.close();
    }
}
