package dev.ordersystem.system;

import dev.ordersystem.identity.client.TokenClient;
import dev.ordersystem.localstack.ServiceProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The authorization server of {@code infra/identity} as a child process ({@code identity-exec.jar}) with the demo's
 * users and clients, its issuer {@code http://localhost:<port>}: what the services trust and where {@link DemoAccount}s
 * get their tokens. Closing stops it.
 */
public final class IdentityProcess implements AutoCloseable {

    /** Its executable jar, relative to the project root. */
    public static final String JAR = "infra/identity/target/identity-exec.jar";

    /** A small heap, the serial collector and the C1 compiler only: it starts sooner and signs few tokens. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final ServiceProcess process;
    private final URI issuer;
    private final TokenClient tokens;

    private IdentityProcess(ServiceProcess process) {
        this.process = process;
        this.issuer = URI.create("http://localhost:" + process.port());
        this.tokens = new TokenClient(issuer);
    }

    /**
     * Starts it on {@code port} with its log in {@code logDir/identity.log} and waits until it is ready.
     *
     * @param swaggerUis the base URLs of the services whose Swagger UI may log in (Authorize button): allowed as
     *     browser origins and as redirect URIs of the {@code swagger-ui} client; none keeps the bundled ones
     */
    public static IdentityProcess start(int port, List<String> swaggerUis, Path logDir) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--identity.port=" + port); // the issuer follows identity.port, not server.port
        if (!swaggerUis.isEmpty()) {
            arguments.add("--identity.cors-allowed-origins=" + String.join(",", swaggerUis));
            arguments.add("--identity.clients.swagger-ui.redirect-uris="
                    + swaggerUis.stream()
                            .map(base -> base + "/swagger-ui/oauth2-redirect.html")
                            .collect(Collectors.joining(",")));
        }
        ServiceProcess process = ServiceProcess.start(
                "identity",
                ServiceProcess.Program.jar(OrderSystem.projectRoot().resolve(JAR)),
                port,
                arguments,
                JVM_OPTIONS,
                logDir);
        try {
            process.awaitHealthy(OrderSystem.STARTUP_TIMEOUT);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        return new IdentityProcess(process);
    }

    /** {@code http://localhost:<port>}: the services' {@code issuer-uri} and every token's {@code iss}. */
    public URI issuer() {
        return issuer;
    }

    /** A client for this server. */
    public TokenClient tokenClient() {
        return tokens;
    }

    /** A new access token of {@code account}. */
    public String token(DemoAccount account) {
        return account.fetch(tokens).value();
    }

    /** The token of {@code account}, renewed before it expires. */
    public RenewingToken renewingToken(DemoAccount account) {
        return new RenewingToken(account, tokens);
    }

    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "identity server " + issuer;
    }
}
