package dev.ordersystem.identity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.identity.IdentityServer;
import dev.ordersystem.identity.TestIdentity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCliIntegrationTests {

    private final IdentityServer identity = TestIdentity.server();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsNothingButTheAccessTokenOfAUser() throws Exception {
        int exit = run("--user", "ada", "--password", "ada-password");

        assertThat(exit).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).endsWith("\n").doesNotContain(" ").hasLineCount(1);
        assertThat(TestIdentity.verify(identity.issuer(), out().strip()).getStringClaim("email"))
                .isEqualTo("ada@example.com");
    }

    @Test
    void printsTheAccessTokenOfAMachineClient() throws Exception {
        int exit = run("--client", "warehouse", "--secret", "warehouse-secret", "--scope", "orders.ship");

        assertThat(exit).isZero();
        assertThat(TestIdentity.verify(identity.issuer(), out().strip()).getStringListClaim("scope"))
                .containsExactly("orders.ship");
    }

    @Test
    void exitsWithOneAndAMessageOnStderrWhenTheLoginFails() {
        int exit = run("--user", "ada", "--password", "wrong");

        assertThat(exit).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("did not accept the username or password");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "--user ada --password ada-password --client warehouse --secret warehouse-secret"})
    void exitsWithOneUnlessExactlyOneWayToGetATokenIsGiven(String args) {
        int exit = run(args.isEmpty() ? new String[0] : args.split(" "));

        assertThat(exit).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("Give either --user and --password");
    }

    @Test
    void exitsWithOneOnAnUnknownOption() {
        assertThat(run("--nonsense")).isEqualTo(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void browserModePrintsTheLoginUrlAndWaitsForTheRedirect() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("--browser", "--timeout", "PT30S"));
        Pattern url = Pattern.compile("(http://\\S+/oauth2/authorize\\S+)");

        Matcher printed = await().atMost(Duration.ofSeconds(10)).until(() -> url.matcher(err()), Matcher::find);
        Browser.logIn(URI.create(printed.group(1)), "linus", "linus-password");

        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(TestIdentity.verify(identity.issuer(), out().strip()).getSubject())
                .isEqualTo("linus");
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--issuer";
        all[1] = identity.issuer().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return TokenCli.execute(
                all,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
