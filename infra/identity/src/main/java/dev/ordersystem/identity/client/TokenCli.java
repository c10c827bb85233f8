package dev.ordersystem.identity.client;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints an access token on stdout, and nothing else, so that {@code TOKEN=$(...)} works; errors go to stderr with exit
 * code 1.
 *
 * <pre>
 * token --user ada --password ada-password                              # authorization code + PKCE, form filled in
 * token --client payment-service --secret payment-service-secret        # client credentials
 * token --browser                                                       # log in yourself in a browser
 * </pre>
 *
 * In the executable jar: {@code java -jar identity-exec.jar token ...}.
 */
@Command(
        name = "token",
        exitCodeOnInvalidInput = 1,
        description = "Prints an access token from an OAuth2/OIDC authorization server.")
public final class TokenCli implements Callable<Integer> {

    private static final String PUBLIC_CLIENT = "order-cli";

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help")
    private boolean help;

    @Option(names = "--issuer", description = "Issuer URL (default: ${DEFAULT-VALUE})")
    private URI issuer = URI.create("http://localhost:9000");

    @Option(names = "--user", description = "Log in as this user (authorization code + PKCE; needs --password)")
    private @Nullable String user;

    @Option(names = "--password", description = "The user's password")
    private @Nullable String password;

    @Option(names = "--browser", description = "Print the login URL and wait for the login in a browser")
    private boolean browser;

    @Option(
            names = "--client",
            description = "Client id: a confidential client with --secret, else the public client (default "
                    + PUBLIC_CLIENT + ")")
    private @Nullable String client;

    @Option(names = "--secret", description = "Client secret (client credentials grant)")
    private @Nullable String secret;

    @Option(
            names = "--scope",
            split = "[ ,]",
            description = "Scopes to ask for (default: openid profile email for users, none for clients: ask for "
                    + "e.g. orders.pay)")
    private List<String> scopes = List.of();

    @Option(names = "--timeout", description = "How long --browser waits (default: ${DEFAULT-VALUE})")
    private Duration timeout = Duration.ofMinutes(5);

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    private TokenCli() {}

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command; the exit code is 0 when a token was printed, else 1. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        TokenCli cli = new TokenCli();
        cli.out = out;
        cli.err = err;
        return new CommandLine(cli)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    err.println("token: " + e.getMessage());
                    return 1;
                })
                .execute(args);
    }

    @Override
    public Integer call() {
        int modes = (secret != null ? 1 : 0) + (user != null ? 1 : 0) + (browser ? 1 : 0);
        if (modes != 1) {
            return usage("Give either --user and --password, --client and --secret, or --browser");
        }
        TokenClient tokens = new TokenClient(issuer);
        TokenClient.AccessToken token;
        if (secret != null) {
            if (client == null) {
                return usage("--secret needs --client");
            }
            token = tokens.clientCredentials(client, secret, scopes.toArray(String[]::new));
        } else if (user != null) {
            if (password == null) {
                return usage("--user needs --password");
            }
            token = tokens.login(publicClient(), user, password, userScopes());
        } else {
            token = tokens.browserLogin(
                    publicClient(),
                    url -> err.println("Open this URL in a browser and log in:\n  " + url),
                    timeout,
                    userScopes());
        }
        out.println(token.value());
        return 0;
    }

    private String publicClient() {
        return client != null ? client : PUBLIC_CLIENT;
    }

    private String[] userScopes() {
        return scopes.isEmpty() ? new String[] {"openid", "profile", "email"} : scopes.toArray(String[]::new);
    }

    private int usage(String message) {
        err.println("token: " + message);
        err.println("Try 'token --help'.");
        return 1;
    }
}
