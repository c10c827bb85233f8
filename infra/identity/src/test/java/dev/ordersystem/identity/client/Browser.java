package dev.ordersystem.identity.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person with a browser: follows every redirect with the JDK's own cookie and redirect handling. */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    private Browser() {}

    /** Opens the authorization URL, logs in on the form and follows the redirects to wherever they lead. */
    static void logIn(URI authorize, String username, String password) {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            HttpResponse<String> loginPage = browser.send(
                    HttpRequest.newBuilder(authorize)
                            .timeout(Duration.ofSeconds(10))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher csrf = CSRF.matcher(loginPage.body());
            assertThat(csrf.find()).as("login form in %s", loginPage.body()).isTrue();
            String form = "username=" + FormEncoding.encode(username) + "&password=" + FormEncoding.encode(password)
                    + "&_csrf=" + FormEncoding.encode(csrf.group(1));
            HttpResponse<String> landing = browser.send(
                    HttpRequest.newBuilder(loginPage.uri().resolve("/login"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Accept", "text/html")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(landing.uri().getHost()).isEqualTo("127.0.0.1");
        } catch (Exception e) {
            throw new AssertionError("The browser failed", e);
        }
    }
}
